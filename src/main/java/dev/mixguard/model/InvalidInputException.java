package dev.mixguard.model;

/** A caller's input that cannot be used as given; the message says what was expected and what was found. */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
