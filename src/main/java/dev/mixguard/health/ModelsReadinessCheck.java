package dev.mixguard.health;

import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.ModelRegistry;
import dev.mixguard.inference.ModelState;
import dev.mixguard.inference.OrtLibraries;
import dev.mixguard.inference.ParityVectors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every model is loaded, warmed up, on a known provider and through its self-check; otherwise DOWN with
 * the reasons (which stage a loading model is in, since when; why a failed one failed). Lists each model's
 * provider, why the providers before it were skipped, its self-check's errors, and where ONNX Runtime's libraries
 * came from.
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
            describe(response, state);
        }
        response.withData(OrtLibraries.NATIVE_PATH, OrtLibraries.nativePathDescription());
        response.withData("onnxruntime.built-with", OrtLibraries.builtProviders());
        if (!registry.started()) {
            return response.down().withData("reason", "model folders are still being checked").build();
        }
        List<String> failures = registry.failures();
        if (!failures.isEmpty()) {
            return response.down().withData("reason", String.join("; ", failures)).build();
        }
        return response.up().build();
    }

    private static void describe(HealthCheckResponseBuilder response, ModelState state) {
        LoadedModel model = state.model();
        switch (state.status()) {
            case READY -> response.withData(state.name(), "ready on " + model.provider().id());
            case LOADING -> response.withData(state.name(), state.stage().activity());
            case FAILED -> response.withData(state.name(), "failed");
        }
        if (model == null) {
            return;
        }
        if (!model.skippedProviders().isEmpty()) {
            response.withData(state.name() + ".skipped", model.skippedProviders().stream()
                    .map(skipped -> skipped.provider() + ": " + skipped.reason())
                    .collect(Collectors.joining("; ")));
        }
        if (!model.source().equals(model.file())) {
            response.withData(state.name() + ".source", String.valueOf(model.source().getFileName()));
        }
        describeSelfCheck(response, state.name(), model);
    }

    private static void describeSelfCheck(HealthCheckResponseBuilder response, String name, LoadedModel model) {
        String key = name + ".self-check";
        model.selfCheck().ifPresentOrElse(report -> {
            response.withData(key, report.summary());
            report.outputs().forEach((output, error) -> response.withData(key + "." + output, error.describe()));
        }, () -> response.withData(key, "not run: no " + ParityVectors.FILE + " in the model's folder"));
    }
}
