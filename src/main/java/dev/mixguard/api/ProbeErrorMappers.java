package dev.mixguard.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the probe routes' own failures to JSON errors: 429 with Retry-After, 404 unknown job, 409 not ready. */
public class ProbeErrorMappers {

    @ServerExceptionMapper
    public Response busy(ProbeBusyException e) {
        return Response.fromResponse(ErrorMappers.error(Response.Status.TOO_MANY_REQUESTS, e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response unknownJob(UnknownJobException e) {
        return ErrorMappers.error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notReady(JobNotReadyException e) {
        return ErrorMappers.error(Response.Status.CONFLICT, e.getMessage());
    }
}
