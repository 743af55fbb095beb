package dev.mixguard.api;

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
 * before Quarkus' own check (which would answer with an empty body); {@link ConnectionGuard} then drops the rest
 * of the body and closes the connection.
 */
@ApplicationScoped
public class BodyLimitGuard {

    /** Quarkus registers its own body-size check at order -2; this one runs just before it. */
    private static final int ORDER = -3;

    private final Optional<MemorySize> limit;

    BodyLimitGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(ORDER).handler(context -> check(context, max.asLongValue())));
    }

    private static void check(RoutingContext context, long max) {
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
        ErrorJson.endClosing(context.request(), 413, "expected a body of at most " + max
                + " bytes (quarkus.http.limits.max-body-size), found Content-Length " + length);
    }
}
