package dev.mixguard.api.ui;

import dev.mixguard.api.ErrorMappers;

import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.LoadedModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/**
 * GET /v1/models/{name}/probe-set[/{index}]: the size of a model's bundled probe set and its images as PNGs, so a
 * job's per-image rows (which name images by index) can be looked at.
 */
@Path("/v1/models/{name}/probe-set")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeSetResource {

    private final InferenceService inference;
    private final ProbeSetImages probeSet;

    ProbeSetResource(InferenceService inference, ProbeSetImages probeSet) {
        this.inference = inference;
        this.probeSet = probeSet;
    }

    /** How many images the bundled probe set holds. */
    public record ProbeSetInfo(String model, int images) {
    }

    @GET
    @Operation(summary = "How many images the model's bundled probe set holds")
    public Response info(@RestPath String name) {
        LoadedModel model = inference.model(name);
        return probeSet.images(model).map(images -> Response.ok(new ProbeSetInfo(name, images.size())).build())
                .orElseGet(() -> missing(model));
    }

    @GET
    @Path("/{index}")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "Image {index} of the model's bundled probe set (0-based, as in a job's rows) as a PNG")
    public Response image(@RestPath String name, @RestPath String index) {
        LoadedModel model = inference.model(name);
        return probeSet.images(model).map(images -> image(model, images, index)).orElseGet(() -> missing(model));
    }

    private static Response image(LoadedModel model, List<float[]> images, String text) {
        int index;
        try {
            index = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return ErrorMappers.error(Response.Status.BAD_REQUEST, "index: expected an integer, found \"" + text + "\"");
        }
        if (index < 0 || index >= images.size()) {
            return ErrorMappers.error(Response.Status.NOT_FOUND, "index: expected 0 to " + (images.size() - 1)
                    + " (the probe set of \"" + model.name() + "\" holds " + images.size() + " images), found "
                    + index);
        }
        return Response.ok(ProbeSetImages.png(model, images, index), "image/png").build();
    }

    private static Response missing(LoadedModel model) {
        return ErrorMappers.error(Response.Status.NOT_FOUND, "model \"" + model.name() + "\": expected a bundled probe "
                + "set (" + ProbeSetImages.IMAGES_FILE + " beside model.onnx), found none");
    }
}
