package dev.mixguard.inference;

/** The inference queue is full; the caller should retry later instead of queueing more work. */
public class OverloadedException extends RuntimeException {

    public OverloadedException(String message) {
        super(message);
    }
}
