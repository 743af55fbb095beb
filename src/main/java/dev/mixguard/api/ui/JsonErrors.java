package dev.mixguard.api.ui;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The API's error shape, {"error": "expected X, found Y"}, for answers these resources build themselves. */
final class JsonErrors {

    private JsonErrors() {
    }

    static Response of(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}
