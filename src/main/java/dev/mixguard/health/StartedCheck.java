package dev.mixguard.health;

import dev.mixguard.inference.ModelRegistry;
import dev.mixguard.inference.ModelState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once every model folder has been found and checked on CPU (a broken model stops start-up before
 * that). Opening models on their providers, TensorRT engine builds included, goes on afterwards in the
 * background and shows in readiness, so a long first engine build does not trip a start-up probe.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    private final ModelRegistry registry;

    StartedCheck(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        var states = registry.states();
        return HealthCheckResponse.named("model-checking").status(registry.started())
                .withData("models", states.size())
                .withData("loading", states.stream().filter(s -> s.status() == ModelState.Status.LOADING).count())
                .build();
    }
}
