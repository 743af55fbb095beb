package dev.mixguard.inference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A model opener whose model {@value #MODEL} fails with an unexpected exception (not a ModelLoadException) naming a
 * Java type and an absolute path, as a bug would; every other model opens with the real loader. Enabled only by
 * test profiles that select it.
 */
@Alternative
@ApplicationScoped
public class CrashingOpener implements ModelOpener {

    /** The model that fails to open. */
    public static final String MODEL = "crashing";

    private final ModelLoader loader;

    CrashingOpener(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public LoadedModel open(CheckedModel checked, LoadStage.Listener listener) {
        if (MODEL.equals(checked.name())) {
            checked.discard();
            throw new IllegalStateException("java.nio.file.AccessDeniedException: " + checked.file().toAbsolutePath());
        }
        return loader.open(checked, listener);
    }
}
