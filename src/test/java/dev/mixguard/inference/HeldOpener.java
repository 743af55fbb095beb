package dev.mixguard.inference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model opener that holds every model in the "loading" stage until the test releases it, then opens it with
 * the real loader: a stand-in for a slow TensorRT engine build. Enabled only by test profiles that select it.
 */
@Alternative
@ApplicationScoped
public class HeldOpener implements ModelOpener {

    /** Counted down by the test to let loading go on. */
    public static final CountDownLatch RELEASE = new CountDownLatch(1);

    private final ModelLoader loader;

    HeldOpener(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public LoadedModel open(CheckedModel checked, LoadStage.Listener listener) {
        try {
            if (!RELEASE.await(120, TimeUnit.SECONDS)) {
                throw new ModelLoadException(checked.file() + ": expected the test to release loading within 120 s,"
                        + " found it still held");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException(checked.file() + ": interrupted while held", e);
        }
        return loader.open(checked, listener);
    }
}
