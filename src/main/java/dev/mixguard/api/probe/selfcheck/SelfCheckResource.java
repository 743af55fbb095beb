package dev.mixguard.api.probe.selfcheck;

import dev.mixguard.api.probe.ProbeAccess;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** GET /v1/models/{name}/self-check, guarded like the probe routes (enabled setting, API key, probe queue). */
@Path("/v1/models/{name}/self-check")
@Produces(MediaType.APPLICATION_JSON)
@ProbeAccess
public class SelfCheckResource {

    private final SelfCheckService service;

    SelfCheckResource(SelfCheckService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Run the bundled probe set clean and compare its correct count with the one recorded when "
            + "the model was packaged (agree/disagree, both counts), beside the load-time parity check")
    public Uni<SelfCheckResponse> check(@RestPath String name) {
        return service.check(name);
    }
}
