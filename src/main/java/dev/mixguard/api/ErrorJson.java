package dev.mixguard.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Writes the JSON error body straight onto a Vert.x response, for answers given before any REST resource runs. */
public final class ErrorJson {

    private ErrorJson() {
    }

    /** {@code {"error": message}} with {@code status}, closing the connection after it. */
    public static void endClosing(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject().put("error", message).encode());
    }
}
