package dev.mixguard.api.v2;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * KServe v2 model routes, with and without {@code /versions/{version}}: metadata, readiness and infer (JSON
 * tensors, Triton's classification and binary tensor extensions).
 */
@Path("/v2/models/{name}")
public class V2ModelsResource {

    private final V2Service service;

    V2ModelsResource(V2Service service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KServe v2 model metadata: versions, platform, input and output tensors")
    public ModelMetadata metadata(@RestPath String name) {
        return service.metadata(name, null);
    }

    @GET
    @Path("versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KServe v2 model metadata of one version")
    public ModelMetadata metadataOfVersion(@RestPath String name, @RestPath String version) {
        return service.metadata(name, version);
    }

    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KServe v2 model readiness: 200 when ready, 503 when loading or failed, 404 when unknown")
    public Map<String, Object> ready(@RestPath String name) {
        return service.ready(name, null);
    }

    @GET
    @Path("versions/{version}/ready")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KServe v2 readiness of one model version")
    public Map<String, Object> readyOfVersion(@RestPath String name, @RestPath String version) {
        return service.ready(name, version);
    }

    @POST
    @Path("infer")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "KServe v2 infer: JSON tensors, or a JSON header then binary tensors")
    public Uni<Response> infer(@RestPath String name,
            @RestHeader(InferRequestReader.HEADER_LENGTH) Long headerLength, byte[] body) {
        return service.infer(name, null, headerLength, body);
    }

    @POST
    @Path("versions/{version}/infer")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "KServe v2 infer on one model version")
    public Uni<Response> inferOnVersion(@RestPath String name, @RestPath String version,
            @RestHeader(InferRequestReader.HEADER_LENGTH) Long headerLength, byte[] body) {
        return service.infer(name, version, headerLength, body);
    }
}
