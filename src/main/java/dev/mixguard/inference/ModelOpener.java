package dev.mixguard.inference;

/**
 * Opens a checked model on its execution provider and warms it up: the slow step of loading (a TensorRT engine
 * build), which the registry runs in the background. {@link ModelLoader} is the implementation.
 */
interface ModelOpener {

    /** Opens {@code checked}, reporting each stage to {@code listener}; throws ModelLoadException on failure. */
    LoadedModel open(CheckedModel checked, LoadStage.Listener listener);
}
