package dev.mixguard.inference;

import dev.mixguard.config.BatchingConfig;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The batching settings one model runs with, resolved from the defaults and the model's overrides.
 *
 * @param combine whether requests are combined; when false each request runs alone and whole
 * @param maxBatchSize most images in one run (the request limit when not combining)
 * @param maxQueueDelayNanos how long the oldest request may wait for its batch to fill
 * @param queueCapacity most images waiting at once
 * @param instances concurrent runs
 * @param timeoutNanos how long a request may wait before it is dropped
 */
public record BatchPolicy(boolean combine, int maxBatchSize, long maxQueueDelayNanos, int queueCapacity,
        int instances, long timeoutNanos) {

    public BatchPolicy {
        check(maxBatchSize >= 1, "max-batch-size", "at least 1", maxBatchSize);
        check(maxQueueDelayNanos >= 0, "max-queue-delay-microseconds", "at least 0", maxQueueDelayNanos / 1000);
        check(queueCapacity >= 1, "queue-capacity", "at least 1", queueCapacity);
        check(instances >= 1, "instances", "at least 1", instances);
        check(timeoutNanos > 0, "request-timeout", "more than 0 ms", timeoutNanos / 1_000_000 + " ms");
    }

    /**
     * The policy for {@code model}: its overrides over the defaults. Runs never exceed {@code requestLimit}
     * (mixguard.limits.max-batch), which also bounds the TensorRT profile.
     */
    public static BatchPolicy of(BatchingConfig config, int requestLimit, String model) {
        Optional<BatchingConfig.Overrides> own = Optional.ofNullable(config.models().get(model));
        boolean enabled = own.flatMap(BatchingConfig.Overrides::enabled).orElse(config.enabled());
        int maxBatch = own.flatMap(BatchingConfig.Overrides::maxBatchSize).orElse(config.maxBatchSize());
        if (enabled && maxBatch > requestLimit) {
            throw new IllegalArgumentException("mixguard.batching max-batch-size for model \"" + model
                    + "\": expected at most mixguard.limits.max-batch (" + requestLimit + "), found " + maxBatch);
        }
        long delayMicros = own.flatMap(BatchingConfig.Overrides::maxQueueDelayMicroseconds)
                .orElse(config.maxQueueDelayMicroseconds());
        int capacity = own.flatMap(BatchingConfig.Overrides::queueCapacity).orElse(config.queueCapacity());
        int instances = own.flatMap(BatchingConfig.Overrides::instances)
                .orElseGet(() -> config.instances().orElse(Runtime.getRuntime().availableProcessors()));
        long timeout = own.flatMap(BatchingConfig.Overrides::requestTimeout).orElse(config.requestTimeout()).toNanos();
        return new BatchPolicy(enabled, enabled ? maxBatch : requestLimit, delayMicros * 1000, capacity, instances,
                timeout);
    }

    /**
     * The batch sizes to run before a model on {@code provider} reports ready, when its batcher's largest run is
     * {@code largestRun}. CUDA and TensorRT: every size from 1 to it, since each new input shape costs a cuDNN
     * algorithm search or a TensorRT shape change. CPU: 1 and the largest only; once the largest has grown
     * the memory arena, the first run at any other size measured no slower than its later runs.
     */
    public static List<Integer> warmUpSizes(ExecutionProvider provider, int largestRun) {
        if (provider == ExecutionProvider.CPU) {
            return largestRun == 1 ? List.of(1) : List.of(1, largestRun);
        }
        return IntStream.rangeClosed(1, largestRun).boxed().toList();
    }

    private static void check(boolean ok, String key, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("mixguard.batching " + key + ": expected " + expected + ", found "
                    + found);
        }
    }
}
