package dev.mixguard.inference;

import java.nio.file.Path;

/**
 * Where one model folder stands: loading, ready with its loaded model, or failed with the reason.
 *
 * @param model the loaded model when READY, else null
 * @param reason why it failed when FAILED, else null
 */
public record ModelState(String name, Path folder, Status status, LoadedModel model, String reason) {

    /** Life cycle of a model folder. */
    public enum Status {
        LOADING,
        READY,
        FAILED
    }

    static ModelState loading(String name, Path folder) {
        return new ModelState(name, folder, Status.LOADING, null, null);
    }

    static ModelState ready(LoadedModel model, Path folder) {
        return new ModelState(model.name(), folder, Status.READY, model, null);
    }

    static ModelState failed(String name, Path folder, String reason) {
        return new ModelState(name, folder, Status.FAILED, null, reason);
    }
}
