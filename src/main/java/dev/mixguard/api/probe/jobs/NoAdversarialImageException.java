package dev.mixguard.api.probe.jobs;

/** A finished job has no adversarial image to show for the image asked for: answered 404. */
public class NoAdversarialImageException extends RuntimeException {

    public NoAdversarialImageException(String message) {
        super(message);
    }
}
