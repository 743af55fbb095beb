package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/** Operator settings for the fused graph's knobs (gamma_bias, alpha_low, alpha_high). */
@ConfigMapping(prefix = "mixguard.knobs")
public interface KnobsConfig {

    /** Whether a request may override the knobs with query parameters. */
    @WithDefault("false")
    boolean requestOverrides();

    /** Per-model replacements of the spec's default knobs, keyed by model name. */
    @WithName("model")
    Map<String, KnobValues> models();

    /** Knob values replacing a model's defaults; each one is optional. */
    interface KnobValues {

        /** Replaces the spec's gamma_bias. */
        Optional<Float> gammaBias();

        /** Replaces the spec's alpha_low. */
        Optional<Float> alphaLow();

        /** Replaces the spec's alpha_high. */
        Optional<Float> alphaHigh();
    }
}
