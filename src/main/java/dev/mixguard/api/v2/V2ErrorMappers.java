package dev.mixguard.api.v2;

import dev.mixguard.api.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the v2 protocol's own failures to Triton's {@code {"error": "..."}} body. */
public class V2ErrorMappers {

    @ServerExceptionMapper
    public Response unknownVersion(UnknownVersionException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    /** A JSON error response with the given status. */
    static Response error(Response.StatusType status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
