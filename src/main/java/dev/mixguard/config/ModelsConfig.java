package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
