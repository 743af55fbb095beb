package dev.mixguard.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers the failures that happen before any REST resource runs (Vert.x routing, e.g. an HTTP/1.1 request without
 * Host) with the service's JSON error body instead of the framework's own error page.
 */
@ApplicationScoped
public class RoutingFailures {

    void install(@Observes Router router) {
        router.route().order(ConnectionGuard.ORDER).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        ErrorJson.endClosing(context.request(), status, message(context.request(), status, context.failure()));
    }

    private static String message(HttpServerRequest request, int status, Throwable failure) {
        if (status == 400 && request.getHeader(HttpHeaders.HOST) == null) {
            return "expected a Host header (HTTP/1.1 requires one), found none";
        }
        if (status >= 500) {
            return "expected the request to complete, found an internal error; "
                    + InternalErrors.logged(failure, "request to " + request.path() + " failed with " + status);
        }
        return "expected a request this service can route, found one it refused with status " + status;
    }
}
