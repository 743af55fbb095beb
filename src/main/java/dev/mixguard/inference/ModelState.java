package dev.mixguard.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where one model folder stands: loading (at which stage, since when), ready with its loaded model, or failed
 * with the reason.
 *
 * @param model the loaded model when READY, else null
 * @param reason why it failed when FAILED, else null
 * @param stage what it is doing when LOADING, else null
 * @param since when the current stage began when LOADING, else null
 */
public record ModelState(String name, Path folder, Status status, LoadedModel model, String reason, LoadStage stage,
        Instant since) {

    /** Life cycle of a model folder. */
    public enum Status {
        LOADING,
        READY,
        FAILED
    }

    static ModelState loading(String name, Path folder, LoadStage stage, Instant since) {
        return new ModelState(name, folder, Status.LOADING, null, null, stage, since);
    }

    static ModelState ready(LoadedModel model, Path folder) {
        return new ModelState(model.name(), folder, Status.READY, model, null, null, null);
    }

    /** A failed model; the reason names files relative to the models folder, never by their absolute path. */
    static ModelState failed(String name, Path folder, String reason) {
        return new ModelState(name, folder, Status.FAILED, null, relative(reason, folder), null, null);
    }

    private static String relative(String reason, Path folder) {
        Path parent = folder.toAbsolutePath().normalize().getParent();
        String text = reason;
        if (parent != null) {
            text = text.replace(parent + folder.getFileSystem().getSeparator(), "");
        }
        Path given = folder.getParent();
        return given == null ? text : text.replace(given + folder.getFileSystem().getSeparator(), "");
    }

    /**
     * Why the model is not ready, in one line: the failure, or e.g. "model m: building TensorRT engine (provider
     * tensorrt), started 12 s ago"; empty when ready.
     */
    public Optional<String> problem(Instant now) {
        return switch (status) {
            case READY -> Optional.empty();
            case FAILED -> Optional.of(reason);
            case LOADING -> Optional.of("model " + name + ": " + stage.activity() + ", started "
                    + Duration.between(since, now).toSeconds() + " s ago");
        };
    }
}
