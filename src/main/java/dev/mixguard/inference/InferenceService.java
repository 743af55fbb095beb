package dev.mixguard.inference;

import dev.mixguard.model.Knobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The one way callers run models: looks a model up and runs requests through its dynamic batcher. */
@ApplicationScoped
public class InferenceService {

    private final ModelRegistry registry;
    private final Batchers batchers;

    InferenceService(ModelRegistry registry, Batchers batchers) {
        this.registry = registry;
        this.batchers = batchers;
    }

    /** The ready model called {@code name}; throws UnknownModelException or ModelUnavailableException. */
    public LoadedModel model(String name) {
        return registry.get(name);
    }

    /**
     * Runs one request's flat CHW images through the model's batcher when subscribed; the result arrives on a
     * batcher thread, never the event loop.
     */
    public Uni<BatchResult> run(LoadedModel model, List<float[]> images, Knobs knobs) {
        return Uni.createFrom().completionStage(() -> batchers.forModel(model).submit(images, knobs));
    }
}
