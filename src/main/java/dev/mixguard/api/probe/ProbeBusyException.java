package dev.mixguard.api.probe;

/** The probe executor's queue, or the number of concurrent probe jobs, is full: answered 429 with Retry-After. */
public class ProbeBusyException extends RuntimeException {

    private final int retryAfterSeconds;

    public ProbeBusyException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds the client is asked to wait before trying again. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
