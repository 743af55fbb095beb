package dev.mixguard.api.ui;

import dev.mixguard.api.ErrorMappers;

import dev.mixguard.inference.InferenceService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** GET /v1/models/{name}/samples[/{file}]: the PNG and JPEG sample images bundled in a model's samples/ folder. */
@Path("/v1/models/{name}/samples")
public class SamplesResource {

    private final InferenceService inference;

    SamplesResource(InferenceService inference) {
        this.inference = inference;
    }

    /** The model's samples, in file-name order, each with the URL that serves it. */
    public record SampleList(String model, List<Sample> samples) {
    }

    /** One sample: its file name and where to fetch it. */
    public record Sample(String file, String url) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The sample images bundled with a model (its samples/ folder)")
    public SampleList list(@RestPath String name) {
        return new SampleList(name, files(name).stream()
                .map(file -> new Sample(file, "/v1/models/" + name + "/samples/" + file)).toList());
    }

    @GET
    @Path("/{file}")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(summary = "One bundled sample image, as stored")
    public Response get(@RestPath String name, @RestPath String file) throws IOException {
        List<String> files = files(name);
        if (!files.contains(file)) {
            return ErrorMappers.error(Response.Status.NOT_FOUND, "model \"" + name + "\": expected one of its samples "
                    + files + ", found \"" + file + "\"");
        }
        byte[] bytes = Files.readAllBytes(folder(name).resolve(file));
        return Response.ok(bytes, file.endsWith(".png") ? "image/png" : "image/jpeg").build();
    }

    private java.nio.file.Path folder(String name) {
        return inference.model(name).file().resolveSibling("samples");
    }

    private List<String> files(String name) {
        java.nio.file.Path folder = folder(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(SamplesResource::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
    }

    private static boolean isImage(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }
}
