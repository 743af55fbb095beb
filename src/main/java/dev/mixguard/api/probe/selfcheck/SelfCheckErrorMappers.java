package dev.mixguard.api.probe.selfcheck;

import dev.mixguard.api.ErrorMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the self-check's own failures to JSON errors: 404 without a probe set, 500 for a broken record. */
public class SelfCheckErrorMappers {

    @ServerExceptionMapper
    public Response noProbeSet(NoProbeSetException e) {
        return ErrorMappers.error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response brokenProbeSet(BrokenProbeSetException e) {
        return ErrorMappers.error(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage());
    }
}
