package dev.mixguard.api.probe;

import dev.mixguard.probe.CancellationToken;

/**
 * A probe or self-check stopped before its end because this instance is shutting down: answered 503 with
 * {@code Retry-After} and {@code Connection: close}, so the client sends it to another instance.
 */
public class StoppedForShutdownException extends RuntimeException {

    private StoppedForShutdownException(String message) {
        super(message);
    }

    /**
     * Throws when {@code token} was raised by the shutdown, saying how far the {@code work} got: {@code done} of
     * {@code total} {@code unit}.
     */
    public static void throwIfStopped(CancellationToken token, String work, long done, long total, String unit) {
        if (token.cause().orElse(null) == CancellationToken.Cause.SHUTDOWN) {
            throw new StoppedForShutdownException("expected the " + work + " to finish, found this instance shutting "
                    + "down after " + done + " of " + total + " " + unit + "; send it to another instance");
        }
    }
}
