package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.config.BatchingConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batching settings: defaults, per-model overrides, checks, and the batch sizes warm-up runs. */
class BatchPolicyTest {

    private static final int REQUEST_LIMIT = 64;

    @Test
    void defaultsAreTritonsNoDelayWithABoundedQueue() {
        BatchPolicy policy = BatchPolicy.of(config(Map.of()), REQUEST_LIMIT, "m");
        assertEquals(new BatchPolicy(true, 32, 0, 1024, Runtime.getRuntime().availableProcessors(),
                TimeUnit.SECONDS.toNanos(10)), policy);
    }

    @Test
    void aModelsOverridesReplaceTheDefaultsForThatModelOnly() {
        BatchingConfig config = config(Map.of(
                "mixguard.batching.max-queue-delay-microseconds", "500",
                "mixguard.batching.instances", "2",
                "mixguard.batching.model.\"big\".max-batch-size", "8",
                "mixguard.batching.model.\"big\".queue-capacity", "16",
                "mixguard.batching.model.\"big\".request-timeout", "250ms"));
        assertEquals(new BatchPolicy(true, 8, 500_000, 16, 2, TimeUnit.MILLISECONDS.toNanos(250)),
                BatchPolicy.of(config, REQUEST_LIMIT, "big"));
        assertEquals(new BatchPolicy(true, 32, 500_000, 1024, 2, TimeUnit.SECONDS.toNanos(10)),
                BatchPolicy.of(config, REQUEST_LIMIT, "small"));
    }

    @Test
    void turningBatchingOffRunsRequestsWholeUpToTheRequestLimit() {
        BatchPolicy policy = BatchPolicy.of(config(Map.of("mixguard.batching.enabled", "false")), REQUEST_LIMIT, "m");
        assertEquals(false, policy.combine());
        assertEquals(REQUEST_LIMIT, policy.maxBatchSize());
    }

    @Test
    void warmUpRunsEverySizeOnGpusAndTheExtremesOnCpu() {
        assertEquals(List.of(1, 2, 3, 4), BatchPolicy.warmUpSizes(ExecutionProvider.CUDA, 4));
        assertEquals(List.of(1, 2, 3), BatchPolicy.warmUpSizes(ExecutionProvider.TENSORRT, 3));
        assertEquals(List.of(1, 32), BatchPolicy.warmUpSizes(ExecutionProvider.CPU, 32));
        assertEquals(List.of(1), BatchPolicy.warmUpSizes(ExecutionProvider.CPU, 1));
    }

    @Test
    void batchesLargerThanTheRequestLimitAreRefused() {
        BatchingConfig config = config(Map.of("mixguard.batching.model.\"m\".max-batch-size", "65"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchPolicy.of(config, REQUEST_LIMIT, "m"));
        assertEquals("mixguard.batching max-batch-size for model \"m\": expected at most mixguard.limits.max-batch "
                + "(64), found 65", e.getMessage());
    }

    @Test
    void nonsenseValuesAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchPolicy.of(config(Map.of("mixguard.batching.queue-capacity", "0")), REQUEST_LIMIT, "m"));
        assertEquals("mixguard.batching queue-capacity: expected at least 1, found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchPolicy.of(
                config(Map.of("mixguard.batching.request-timeout", "0s")), REQUEST_LIMIT, "m"));
        assertEquals("mixguard.batching request-timeout: expected more than 0 ms, found 0 ms", e.getMessage());
    }

    private static BatchingConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(BatchingConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(BatchingConfig.class);
    }
}
