package dev.mixguard.api.classify;

import dev.mixguard.config.KnobsConfig;
import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.ModelRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** GET /v1/models and /v1/models/{name}: what is served, on which provider, with which spec. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelRegistry registry;
    private final InferenceService inference;
    private final KnobsConfig knobs;

    ModelsResource(ModelRegistry registry, InferenceService inference, KnobsConfig knobs) {
        this.registry = registry;
        this.inference = inference;
        this.knobs = knobs;
    }

    /** The list of models, ready or not. */
    public record ModelList(List<ModelSummary> models) {
    }

    @GET
    @Operation(summary = "List every model folder found, with its status and execution provider")
    public Uni<ModelList> list() {
        return Uni.createFrom().item(() -> new ModelList(registry.states().stream().map(ModelSummary::of).toList()));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "A ready model's spec, labels, input geometry, knobs, provider, engine self-check and "
            + "model card")
    public Uni<ModelInfo> get(@RestPath String name) {
        return Uni.createFrom().item(() -> ModelInfo.of(inference.model(name), knobs.requestOverrides()));
    }
}
