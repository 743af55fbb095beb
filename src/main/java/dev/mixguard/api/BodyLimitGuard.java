package dev.mixguard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared Content-Length over {@code quarkus.http.limits.max-body-size} with a JSON 413, just
 * before Quarkus' own check (which would answer with an empty body), and closes the connection as it does.
 */
@ApplicationScoped
public class BodyLimitGuard {

    /** Quarkus registers its own body-size check at order -2; this one runs just before it. */
    private static final int ORDER = -3;

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
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> context.request().connection().close());
    }

    private String body(String message) {
        try {
            return json.writeValueAsString(new ErrorBody(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("expected an error body to serialise, found " + e.getMessage(), e);
        }
    }
}
