package dev.mixguard.health;

import dev.mixguard.inference.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the registry has finished trying to load every model, whatever the outcome. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    private final ModelRegistry registry;

    StartedCheck(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model-loading").status(registry.started())
                .withData("models", registry.states().size()).build();
    }
}
