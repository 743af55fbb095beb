package dev.mixguard.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * A model folder whose graph, spec, labels and knobs were checked on CPU, with that CPU session still open and its
 * parity vectors being read in the background; {@link ModelLoader#open} takes the session over, {@link #discard()}
 * closes it.
 *
 * @param parity the folder's parity vectors as they are read (empty when it holds none)
 */
record CheckedModel(Path folder, Path file, ModelSpec spec, Knobs knobs,
        CompletableFuture<Optional<ParityVectors>> parity, OrtSession cpuSession) {

    private static final Logger LOG = Logger.getLogger(CheckedModel.class);

    /** The name the model is served under. */
    String name() {
        return spec.name();
    }

    /**
     * The folder's parity vectors once read, empty when it holds none; ModelLoadException naming the file and what
     * is wrong with them.
     */
    Optional<ParityVectors> parityVectors() {
        try {
            return parity.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw new ModelLoadException(file + ": " + cause.getMessage(), cause);
            }
            LOG.errorf(cause, "%s: reading %s failed", file, ParityVectors.FILE);
            throw new ModelLoadException(file + ": expected " + ParityVectors.FILE + " read, found an internal error "
                    + "(the server log has the details)", cause);
        }
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
