package dev.mixguard.inference;

/**
 * A model whose engine answers differ from PyTorch's beyond the provider's tolerance: the service keeps running
 * with the model not ready, whatever {@code mixguard.models.fail-on-error} says, since a restart on the same engine
 * gives the same answers.
 */
public class SelfCheckFailedException extends ModelLoadException {

    public SelfCheckFailedException(String message) {
        super(message);
    }
}
