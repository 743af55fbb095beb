package dev.mixguard.api.probe;

import dev.mixguard.api.RequestImages;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * POST /v1/models/{name}/probe/events: the probe of POST .../probe, answered as Server-Sent Events (its progress,
 * then "done" with the answer). Blocking, so the request is checked and its image decoded before the stream opens.
 */
@Path("/v1/models/{name}/probe/events")
@Produces(MediaType.SERVER_SENT_EVENTS)
@RestStreamElementType(MediaType.APPLICATION_JSON)
@Blocking
@ProbeAccess
public class ProbeEventsResource {

    private final ProbeService service;

    ProbeEventsResource(ProbeService service) {
        this.service = service;
    }

    @POST
    @Consumes({"image/png", "image/jpeg"})
    @Operation(summary = "Probe one PNG or JPEG body as Server-Sent Events: progress (queries used of the most the "
            + "image may cost), then \"done\" with the answer; closing the stream cancels the attack")
    public Multi<ProbeEvent> probeImage(@RestPath String name, @BeanParam ProbeParams params, byte[] body) {
        return service.events(name, RequestImages.fromBody(body), params.toRequest());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Probe one multipart image (part \"image\") as Server-Sent Events")
    public Multi<ProbeEvent> probeMultipart(@RestPath String name, @BeanParam ProbeParams params,
            @RestForm(FileUpload.ALL) List<FileUpload> parts) {
        return service.events(name, RequestImages.fromParts(parts), params.toRequest());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe one JSON image (images or tensor, with optional attack fields) as Server-Sent Events")
    public Multi<ProbeEvent> probeJson(@RestPath String name, @BeanParam ProbeParams params, ProbeRequest request) {
        return service.events(name, RequestImages.fromJson(request), params.toRequest().merge(request.parameters()));
    }
}
