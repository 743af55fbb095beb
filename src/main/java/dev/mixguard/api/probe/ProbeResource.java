package dev.mixguard.api.probe;

import dev.mixguard.api.ImageInput;
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

/** POST /v1/models/{name}/probe: a black-box attack on one image, in the same body forms as classify. */
@Path("/v1/models/{name}/probe")
@Produces(MediaType.APPLICATION_JSON)
@ProbeAccess
public class ProbeResource {

    private final ProbeService service;

    ProbeResource(ProbeService service) {
        this.service = service;
    }

    @POST
    @Consumes({"image/png", "image/jpeg"})
    @Operation(summary = "Probe one PNG or JPEG image sent as the body; attack parameters as query parameters")
    public Uni<ProbeResponse> probeImage(@RestPath String name, @BeanParam ProbeParams params, byte[] body) {
        return service.probe(name, RequestImages.fromBody(body), params.toRequest());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Probe one PNG or JPEG image sent as a multipart part named \"image\"")
    public Uni<ProbeResponse> probeMultipart(@RestPath String name, @BeanParam ProbeParams params,
            @RestForm(FileUpload.ALL) List<FileUpload> parts) {
        return service.probe(name, RequestImages.fromParts(parts), params.toRequest());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe one image given as {\"images\": [base64]} or {\"tensor\": {...}} with optional "
            + "attack fields")
    public Uni<ProbeResponse> probeJson(@RestPath String name, @BeanParam ProbeParams params, ProbeRequest request) {
        ImageInput input = RequestImages.fromJson(request);
        return service.probe(name, input, params.toRequest().merge(request.parameters()));
    }
}
