package dev.mixguard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared Content-Length over {@code quarkus.http.limits.max-body-size} with a JSON 413, just
 * before Quarkus' own check (which would answer with an empty body), then drops the body and closes.
 */
@ApplicationScoped
public class BodyLimitGuard {

    /** Quarkus registers its own body-size check at order -2; this one runs just before it. */
    private static final int ORDER = -3;
    /** Longest time a refused body is drained before the connection is closed anyway. */
    private static final long LINGER_MS = 5_000;

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;

    BodyLimitGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(ORDER).handler(context -> check(context, max.asLongValue())));
    }

    private void check(RoutingContext context, long max) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= max) {
            context.next();
            return;
        }
        String body = body("expected a body of at most " + max + " bytes (quarkus.http.limits.max-body-size), found "
                + "Content-Length " + length);
        lingerThenClose(context);
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    /**
     * Reads and drops the rest of the refused body before closing, for at most {@link #LINGER_MS}: closing
     * while a client is still sending makes its TCP stack discard the 413 before the client reads it.
     */
    private static void lingerThenClose(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            context.response().endHandler(done -> connection.close());
            return;
        }
        long timer = context.vertx().setTimer(LINGER_MS, id -> connection.close());
        request.handler(ignored -> {
        });
        request.endHandler(done -> {
            context.vertx().cancelTimer(timer);
            connection.close();
        });
        request.resume();
    }

    private String body(String message) {
        try {
            return json.writeValueAsString(new ErrorBody(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("expected an error body to serialise, found " + e.getMessage(), e);
        }
    }
}
