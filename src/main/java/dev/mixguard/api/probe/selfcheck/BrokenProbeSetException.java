package dev.mixguard.api.probe.selfcheck;

/** The model's probe-set record disagrees with itself or with its images: a packaging fault, answered 500. */
class BrokenProbeSetException extends RuntimeException {

    BrokenProbeSetException(String message) {
        super(message);
    }
}
