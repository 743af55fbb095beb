package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where served models live and how a broken one is treated. */
@ConfigMapping(prefix = "mixguard.models")
public interface ModelsConfig {

    /** Folder whose subfolders holding a {@code model.onnx} are each served as one model. */
    @WithDefault("models")
    String dir();

    /**
     * Whether a model that fails to load stops start-up (true) or only keeps readiness DOWN with the reason
     * (false).
     */
    @WithDefault("true")
    boolean failOnError();

    /**
     * How long start-up waits for the models to be opened and warmed up before the HTTP server opens anyway;
     * loading then goes on in the background (a TensorRT engine build can take minutes) with readiness DOWN.
     */
    @WithDefault("10s")
    Duration startupWait();
}
