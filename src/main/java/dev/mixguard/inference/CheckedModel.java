package dev.mixguard.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model folder whose graph, spec, labels, knobs and parity vectors were checked on CPU, with that CPU session still
 * open; {@link ModelLoader#open} takes the session over, {@link #discard()} closes it.
 *
 * @param parity the folder's parity vectors; empty when it holds none
 */
record CheckedModel(Path folder, Path file, ModelSpec spec, Knobs knobs, Optional<ParityVectors> parity,
        OrtSession cpuSession) {

    /** The name the model is served under. */
    String name() {
        return spec.name();
    }

    /** Closes the CPU session of a model that will not be opened. */
    void discard() {
        try {
            cpuSession.close();
        } catch (OrtException e) {
            throw new ModelLoadException(file + ": closing the CPU session failed: " + e.getMessage(), e);
        }
    }
}
