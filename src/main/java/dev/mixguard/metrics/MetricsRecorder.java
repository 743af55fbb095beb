package dev.mixguard.metrics;

import dev.mixguard.inference.BatchObserver;
import dev.mixguard.inference.BatchObservers;
import dev.mixguard.inference.LoadedModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The service's metrics at /q/metrics: hands each model's batcher its {@link ModelMeters}, publishes the
 * execution provider in use, and counts probes for the probe API.
 */
@ApplicationScoped
public class MetricsRecorder implements BatchObservers {

    private final MeterRegistry registry;
    private final Map<Tags, ModelMeters> models = new ConcurrentHashMap<>();

    MetricsRecorder(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public BatchObserver forModel(LoadedModel model, IntSupplier pendingRequests) {
        Tags tags = Tags.of("model", model.name(), "version", model.spec().version());
        Gauge.builder("mixguard.model.provider", () -> 1).tags(tags.and("provider", model.provider().id()))
                .description("1 for the execution provider each model runs on").register(registry);
        return models.computeIfAbsent(tags, key -> new ModelMeters(registry, key, pendingRequests));
    }

    /** A probe of {@code attack} (e.g. square-linf, noise) started against {@code model}. */
    public void probeStarted(String model, String attack) {
        registry.counter("mixguard.probe.started", "model", model, "attack", attack).increment();
    }

    /**
     * A probe finished with {@code outcome} (e.g. robust, broken, cancelled, failed) after {@code queries}
     * model queries.
     */
    public void probeFinished(String model, String attack, String outcome, long queries) {
        registry.counter("mixguard.probe.finished", "model", model, "attack", attack, "outcome", outcome)
                .increment();
        registry.counter("mixguard.probe.queries", "model", model, "attack", attack).increment(queries);
    }
}
