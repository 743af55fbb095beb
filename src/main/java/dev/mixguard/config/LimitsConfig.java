package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-request limits that keep bad or hostile input from costing more than its own request. The body size
 * limit is Quarkus' own {@code quarkus.http.limits.max-body-size}.
 */
@ConfigMapping(prefix = "mixguard.limits")
public interface LimitsConfig {

    /** Largest width x height an image may declare in its header; larger ones are refused before decoding. */
    @WithDefault("4194304")
    long maxPixels();

    /** Most images one request may carry. */
    @WithDefault("64")
    int maxBatch();
}
