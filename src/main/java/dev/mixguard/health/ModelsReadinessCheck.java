package dev.mixguard.health;

import dev.mixguard.inference.ModelRegistry;
import dev.mixguard.inference.ModelState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every model is loaded, warmed up and on a known provider; otherwise DOWN with the reasons. */
@Readiness
@ApplicationScoped
public class ModelsReadinessCheck implements HealthCheck {

    private final ModelRegistry registry;

    ModelsReadinessCheck(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("models");
        for (ModelState state : registry.states()) {
            response.withData(state.name(), state.model() != null
                    ? "ready on " + state.model().provider().id() : state.status().name().toLowerCase(Locale.ROOT));
        }
        if (!registry.started()) {
            return response.down().withData("reason", "models are still loading").build();
        }
        List<String> failures = registry.failures();
        if (!failures.isEmpty()) {
            return response.down().withData("reason", String.join("; ", failures)).build();
        }
        return response.up().build();
    }
}
