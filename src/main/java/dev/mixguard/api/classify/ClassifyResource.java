package dev.mixguard.api.classify;

import dev.mixguard.api.RequestImages;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** POST /v1/models/{name}/classify in its three body forms: a raw image, multipart images, or JSON. */
@Path("/v1/models/{name}/classify")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifyResource {

    private final ClassifyService service;

    ClassifyResource(ClassifyService service) {
        this.service = service;
    }

    @POST
    @Consumes({"image/png", "image/jpeg"})
    @Operation(summary = "Classify one PNG or JPEG image sent as the request body")
    public Uni<ClassifyResponse> classifyImage(@RestPath String name, @BeanParam ClassifyParams params,
            byte[] body) {
        return service.classify(name, RequestImages.fromBody(body), params);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Classify a batch of PNG or JPEG images sent as multipart parts named \"image\"")
    public Uni<ClassifyResponse> classifyMultipart(@RestPath String name, @BeanParam ClassifyParams params,
            @RestForm(FileUpload.ALL) List<FileUpload> parts) {
        return service.classify(name, RequestImages.fromParts(parts), params);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify base64 images ({\"images\": [...]}) or a float tensor ({\"tensor\": {...}})")
    public Uni<ClassifyResponse> classifyJson(@RestPath String name, @BeanParam ClassifyParams params,
            ClassifyRequest request) {
        return service.classify(name, RequestImages.fromJson(request), params);
    }
}
