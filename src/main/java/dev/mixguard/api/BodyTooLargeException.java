package dev.mixguard.api;

/** A request body past the configured size limit, found while reading it: answered 413. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
