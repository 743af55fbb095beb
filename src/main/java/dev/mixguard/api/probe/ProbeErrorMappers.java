package dev.mixguard.api.probe;

import dev.mixguard.api.ErrorMappers;
import dev.mixguard.api.ShutdownGate;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the probe routes' own failures to JSON errors: 429 with Retry-After, 503 for a probe the shutdown stopped. */
public class ProbeErrorMappers {

    @ServerExceptionMapper
    public Response busy(ProbeBusyException e) {
        return Response.fromResponse(ErrorMappers.error(Response.Status.TOO_MANY_REQUESTS, e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response stopped(StoppedForShutdownException e, RoutingContext context) {
        return ShutdownGate.closing(context, ErrorMappers.error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
