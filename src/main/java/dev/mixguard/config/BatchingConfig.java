package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Dynamic batching with Triton's rules: defaults for every model, and per-model overrides under
 * {@code mixguard.batching.model."NAME".*}.
 */
@ConfigMapping(prefix = "mixguard.batching")
public interface BatchingConfig {

    /** Whether requests are combined into larger runs; false runs each request alone, as it came. */
    @WithDefault("true")
    boolean enabled();

    /** Most images in one run; a full batch runs at once. At most mixguard.limits.max-batch. */
    @WithDefault("32")
    int maxBatchSize();

    /** How long the oldest waiting request may wait for a batch to fill, in microseconds; 0 runs what is queued. */
    @WithDefault("0")
    long maxQueueDelayMicroseconds();

    /** Most images that may wait in a model's queue; a request that does not fit is refused with 503. */
    @WithDefault("1024")
    int queueCapacity();

    /** Concurrent runs per model (model instances); defaults to the number of CPUs. */
    OptionalInt instances();

    /** How long a request may wait in the queue; one still waiting after that is dropped with 503. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Per-model overrides, keyed by model name. */
    @WithName("model")
    Map<String, Overrides> models();

    /** Per-model values replacing the defaults above; each one is optional. */
    interface Overrides {

        /** Replaces mixguard.batching.enabled. */
        Optional<Boolean> enabled();

        /** Replaces mixguard.batching.max-batch-size. */
        Optional<Integer> maxBatchSize();

        /** Replaces mixguard.batching.max-queue-delay-microseconds. */
        Optional<Long> maxQueueDelayMicroseconds();

        /** Replaces mixguard.batching.queue-capacity. */
        Optional<Integer> queueCapacity();

        /** Replaces mixguard.batching.instances. */
        Optional<Integer> instances();

        /** Replaces mixguard.batching.request-timeout. */
        Optional<Duration> requestTimeout();
    }
}
