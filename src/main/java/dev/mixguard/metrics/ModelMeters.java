package dev.mixguard.metrics;

import dev.mixguard.inference.BatchObserver;
import dev.mixguard.model.Scores;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * One model's meters, fed by its batcher: Triton's {@code nv_inference_*} totals (exposed as gauges so that
 * Prometheus sees Triton's exact names, without the {@code _total} its client adds to counters), the queue
 * length, and batch-size and alpha histograms.
 */
final class ModelMeters implements BatchObserver {

    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};
    private static final double[] ALPHA_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    private final LongAdder success = new LongAdder();
    private final LongAdder count = new LongAdder();
    private final LongAdder execCount = new LongAdder();
    private final LongAdder requestMicros = new LongAdder();
    private final LongAdder queueMicros = new LongAdder();
    private final LongAdder computeMicros = new LongAdder();
    private final Map<Failure, LongAdder> failures = new EnumMap<>(Failure.class);
    private final DistributionSummary batchSizes;
    private final DistributionSummary alphas;

    ModelMeters(MeterRegistry registry, Tags model, IntSupplier pendingRequests) {
        total(registry, model, "nv_inference_request_success", success, "Successful inference requests");
        total(registry, model, "nv_inference_count", count, "Inferences (images) run");
        total(registry, model, "nv_inference_exec_count", execCount, "Model runs (batches)");
        total(registry, model, "nv_inference_request_duration_us", requestMicros,
                "Microseconds from queueing to completion, summed over successful requests");
        total(registry, model, "nv_inference_queue_duration_us", queueMicros,
                "Microseconds waiting in the batcher's queue, summed over successful requests");
        total(registry, model, "nv_inference_compute_infer_duration_us", computeMicros,
                "Microseconds in ONNX Runtime for the batches each successful request ran in, summed");
        for (Failure failure : Failure.values()) {
            LongAdder adder = new LongAdder();
            failures.put(failure, adder);
            total(registry, model.and("reason", failure.name()), "nv_inference_request_failure", adder,
                    "Failed inference requests by reason (REJECTED: queue full, TIMEOUT: deadline passed, "
                            + "BACKEND: ONNX Runtime failed, CANCELED: shut down)");
        }
        Gauge.builder("nv_inference_pending_request_count", pendingRequests, IntSupplier::getAsInt).tags(model)
                .description("Requests waiting in the batcher's queue").strongReference(true).register(registry);
        batchSizes = DistributionSummary.builder("mixguard.batch.size").tags(model)
                .description("Images per model run").serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        alphas = DistributionSummary.builder("mixguard.alpha").tags(model)
                .description("Mixing weight alpha on the robust model, per image")
                .serviceLevelObjectives(ALPHA_BUCKETS).register(registry);
    }

    @Override
    public void executed(int batchSize, long computeNanos, List<Scores> scores) {
        execCount.increment();
        count.add(batchSize);
        batchSizes.record(batchSize);
        for (Scores score : scores) {
            alphas.record(score.alpha());
        }
    }

    @Override
    public void succeeded(int images, long queueNanos, long computeNanos, long totalNanos) {
        success.increment();
        requestMicros.add(totalNanos / 1000);
        queueMicros.add(queueNanos / 1000);
        computeMicros.add(computeNanos / 1000);
    }

    @Override
    public void failed(Failure failure) {
        failures.get(failure).increment();
    }

    private static void total(MeterRegistry registry, Tags tags, String name, LongAdder adder, String help) {
        Gauge.builder(name, adder, LongAdder::doubleValue).tags(tags).description(help + " (a running total)")
                .strongReference(true).register(registry);
    }
}
