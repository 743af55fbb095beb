package dev.mixguard.health;

import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.ModelRegistry;
import dev.mixguard.inference.ModelState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every model is loaded, warmed up and on a known provider; otherwise DOWN with the reasons. Lists
 * each model's provider and why the providers before it were skipped.
 */
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
            LoadedModel model = state.model();
            response.withData(state.name(), model != null
                    ? "ready on " + model.provider().id() : state.status().name().toLowerCase(Locale.ROOT));
            if (model != null && !model.skippedProviders().isEmpty()) {
                response.withData(state.name() + ".skipped", model.skippedProviders().stream()
                        .map(skipped -> skipped.provider() + ": " + skipped.reason())
                        .collect(Collectors.joining("; ")));
            }
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
