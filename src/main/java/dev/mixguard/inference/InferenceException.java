package dev.mixguard.inference;

/**
 * ONNX Runtime (or the batch around it) failed while running a model on input that passed validation; the message
 * is for clients, in plain words, and the cause holds ONNX Runtime's own text for the server log.
 */
public class InferenceException extends RuntimeException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
