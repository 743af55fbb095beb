package dev.mixguard.api.probe;

import dev.mixguard.api.EncodedImage;
import dev.mixguard.api.RequestImages;
import dev.mixguard.model.InvalidInputException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
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
        return service.probeEncoded(name, List.of(new EncodedImage("image", () -> body)), params.toRequest());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Probe one PNG or JPEG image sent as a multipart part named \"image\"")
    public Uni<ProbeResponse> probeMultipart(@RestPath String name, @BeanParam ProbeParams params,
            @RestForm(FileUpload.ALL) List<FileUpload> parts) {
        List<String> others = parts.stream().map(FileUpload::name)
                .filter(n -> !RequestImages.IMAGE_PART.equals(n)).toList();
        if (!others.isEmpty()) {
            throw new InvalidInputException("expected one part named \"" + RequestImages.IMAGE_PART
                    + "\", found " + new TreeSet<>(others));
        }
        return service.probeEncoded(name, RequestImages.fromParts(parts), params.toRequest());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe one image given as {\"images\": [base64]} or {\"tensor\": {...}} with optional "
            + "attack fields")
    public Uni<ProbeResponse> probeJson(@RestPath String name, @BeanParam ProbeParams params, ProbeRequest request) {
        if (request == null || (request.images() == null) == (request.tensor() == null)) {
            throw new InvalidInputException("expected a JSON object with either \"images\" or \"tensor\", found "
                    + (request == null ? "no body" : request.images() == null ? "neither" : "both"));
        }
        AttackRequest attack = params.toRequest().merge(request.parameters());
        if (request.tensor() != null) {
            return service.probeTensor(name, request.tensor(), attack);
        }
        return service.probeEncoded(name, RequestImages.fromBase64(request.images()), attack);
    }
}
