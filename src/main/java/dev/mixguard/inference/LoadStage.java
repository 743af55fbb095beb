package dev.mixguard.inference;

import java.util.List;

/** What a model that is not ready yet is doing, in words for health and logs. */
public record LoadStage(String activity) {

    /** Checking the graph and its spec on CPU, before the HTTP server counts it as started. */
    static LoadStage checking() {
        return new LoadStage("checking the graph on CPU");
    }

    /** Checked, waiting for the models before it to load (models load one after another). */
    static LoadStage queued() {
        return new LoadStage("waiting for the models before it to load");
    }

    /** Taken up by the background loading thread. */
    static LoadStage loading() {
        return new LoadStage("loading");
    }

    /** Creating a session on {@code provider}; for TensorRT this is the engine build, or loading a built one. */
    static LoadStage opening(ExecutionProvider provider, boolean precompiled) {
        if (provider == ExecutionProvider.TENSORRT) {
            return new LoadStage((precompiled ? "loading pre-compiled TensorRT engine" : "building TensorRT engine")
                    + " (provider " + provider.id() + ")");
        }
        return new LoadStage("opening a session (provider " + provider.id() + ")");
    }

    /** Running one all-zero batch of each size on the chosen provider. */
    static LoadStage warmingUp(ExecutionProvider provider, List<Integer> batchSizes) {
        return new LoadStage("warming up on " + provider.id() + " (batch sizes " + batchSizes + ")");
    }

    /** Running the parity vectors on the chosen provider and comparing its outputs with PyTorch's. */
    static LoadStage selfChecking(ExecutionProvider provider, int vectors) {
        return new LoadStage("self-check on " + provider.id() + " (" + vectors + " parity vectors)");
    }

    /** Receives a model's stages as loading goes on. */
    @FunctionalInterface
    public interface Listener {

        /** Ignores every stage. */
        Listener NONE = stage -> {
        };

        /** The model has entered {@code stage}. */
        void entered(LoadStage stage);
    }
}
