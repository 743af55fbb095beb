package dev.mixguard.inference;

/**
 * A provider that opened a session but may not serve the model (its self-check failed and fallback is on): the
 * chooser records the reason as it does for an unavailable provider and tries the next one.
 */
final class ProviderRejectedException extends RuntimeException {

    ProviderRejectedException(String reason) {
        super(reason);
    }
}
