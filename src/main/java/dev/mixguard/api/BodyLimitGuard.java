package dev.mixguard.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
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
 * of the body and closes the connection. A body sent without Content-Length (chunked, or an HTTP/2 stream) that is
 * not a form is counted by {@link UnknownLengthLimit} instead, as Quarkus REST reads it, so its 413 is JSON too:
 * Quarkus' own count of such a body answers with an empty one, and is taken off the request here.
 */
@ApplicationScoped
public class BodyLimitGuard {

    /** Quarkus registers its own body-size check at order -2; this one runs just before it. */
    private static final int ORDER = -3;
    /** Just after Quarkus' check, which marks a body without Content-Length for its own count. */
    private static final int AFTER_QUARKUS = -1;

    private final Optional<MemorySize> limit;

    BodyLimitGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(ORDER).handler(context -> check(context, max.asLongValue())));
        router.route().order(AFTER_QUARKUS).handler(BodyLimitGuard::countedByUs);
    }

    /** Leaves a body without Content-Length that is not a form to {@link UnknownLengthLimit}. */
    private static void countedByUs(RoutingContext context) {
        if (!UnknownLengthLimit.isForm(context.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            context.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
        }
        context.next();
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
