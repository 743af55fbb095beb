package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web console served at / and /ui/: a client of the public HTTP API that can be turned off. */
@ConfigMapping(prefix = "mixguard.ui")
public interface UiConfig {

    /** Whether / , /ui/ and /webjars/ serve the console; when false they answer 404 naming this setting. */
    @WithDefault("true")
    boolean enabled();
}
