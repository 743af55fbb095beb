package dev.mixguard.inference;

/** ONNX Runtime failed while running a model on input that passed validation. */
public class InferenceException extends RuntimeException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
