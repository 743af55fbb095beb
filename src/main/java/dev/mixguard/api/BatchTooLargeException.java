package dev.mixguard.api;

/** A request carrying more images than mixguard.limits.max-batch allows. */
public class BatchTooLargeException extends RuntimeException {

    public BatchTooLargeException(int maxBatch, long found) {
        super("expected at most " + maxBatch + " images per request (mixguard.limits.max-batch), found " + found);
    }
}
