package dev.mixguard.inference;

import dev.mixguard.config.BatchingConfig;
import dev.mixguard.config.LimitsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One {@link DynamicBatcher} per served model: made when the model is first ready (at start-up, or on its first
 * request when it loaded later), replaced when the model is reloaded, all closed before the sessions are.
 */
@ApplicationScoped
public class Batchers {

    private static final Logger LOG = Logger.getLogger(Batchers.class);

    private final BatchingConfig config;
    private final LimitsConfig limits;
    private final BatchObservers observers;
    private final ModelRegistry registry;
    private final Map<String, Served> batchers = new ConcurrentHashMap<>();

    Batchers(BatchingConfig config, LimitsConfig limits, BatchObservers observers, ModelRegistry registry) {
        this.config = config;
        this.limits = limits;
        this.observers = observers;
        this.registry = registry;
    }

    /** A model with the batcher that runs it. */
    private record Served(LoadedModel model, DynamicBatcher batcher) {
    }

    /** The batcher of this loaded model. */
    public DynamicBatcher forModel(LoadedModel model) {
        Served served = batchers.get(model.name());
        if (served != null && served.model() == model) {
            return served.batcher();
        }
        return batchers.compute(model.name(), (name, old) -> {
            if (old != null && old.model() == model) {
                return old;
            }
            if (old != null) {
                old.batcher().close();
            }
            return new Served(model, create(model));
        }).batcher();
    }

    /** After the registry's start-up loading: a batcher (and its metrics) for every model already ready. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        registry.states().stream().filter(state -> state.model() != null).forEach(state -> forModel(state.model()));
    }

    /** Before the registry closes the sessions: fail what waits, let running batches finish. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        closeAll();
    }

    @PreDestroy
    void closeAll() {
        batchers.values().forEach(served -> served.batcher().close());
        batchers.clear();
    }

    private DynamicBatcher create(LoadedModel model) {
        BatchPolicy policy = BatchPolicy.of(config, limits.maxBatch(), model.name());
        LOG.infof("model %s: %s", model.name(), policy);
        BatchObserver observer = observers.forModel(model, () -> pendingRequests(model.name()));
        return new DynamicBatcher(model.name(), model.inputShape().size(), model::run, policy, observer);
    }

    private int pendingRequests(String name) {
        Served served = batchers.get(name);
        return served == null ? 0 : served.batcher().pendingRequests();
    }
}
