package dev.mixguard.inference;

/** A request named a model that exists but is not ready (still loading, or failed to load). */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message) {
        super(message);
    }
}
