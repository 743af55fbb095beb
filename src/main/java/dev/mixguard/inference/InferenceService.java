package dev.mixguard.inference;

import dev.mixguard.model.Knobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The one way callers run models: looks a model up and runs batches on the inference executor. A dynamic
 * batcher or metrics go here, behind the same methods.
 */
@ApplicationScoped
public class InferenceService {

    private final ModelRegistry registry;
    private final InferenceExecutor executor;

    InferenceService(ModelRegistry registry, InferenceExecutor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    /** The ready model called {@code name}; throws UnknownModelException or ModelUnavailableException. */
    public LoadedModel model(String name) {
        return registry.get(name);
    }

    /** Runs one batch of flat CHW images off the calling thread. */
    public Uni<BatchResult> run(LoadedModel model, List<float[]> images, Knobs knobs) {
        long submitted = System.nanoTime();
        return executor.submit(() -> {
            long started = System.nanoTime();
            var scores = model.run(images, knobs);
            return new BatchResult(scores, started - submitted, System.nanoTime() - started);
        });
    }
}
