package dev.mixguard.api;

/** The JSON body of every error response: one message saying what was expected and what was found. */
public record ErrorBody(String error) {
}
