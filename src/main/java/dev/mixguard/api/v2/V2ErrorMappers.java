package dev.mixguard.api.v2;

import static dev.mixguard.api.ErrorMappers.error;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the v2 protocol's own failures to Triton's {@code {"error": "..."}} body. */
public class V2ErrorMappers {

    @ServerExceptionMapper
    public Response unknownVersion(UnknownVersionException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }
}
