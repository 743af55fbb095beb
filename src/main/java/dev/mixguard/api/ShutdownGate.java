package dev.mixguard.api;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drains the service on SIGTERM. Quarkus' shutdown delay ({@code quarkus.shutdown.delay}) starts at once and takes
 * readiness DOWN while requests are still served; once it has passed, every new request but the health checks is
 * answered 503 with JSON, {@code Retry-After} and {@code Connection: close}, while Quarkus lets the requests in
 * flight finish within {@code quarkus.shutdown.timeout} and then exits.
 */
@ApplicationScoped
public class ShutdownGate {

    /** Right after {@link ConnectionGuard}, so a refused request still has its body drained. */
    static final int ORDER = ConnectionGuard.ORDER + 1;
    /** Seconds a refused client is asked to wait: another instance can take the request at once. */
    static final String RETRY_AFTER = "1";

    private final long delayNanos;
    private volatile long refuseFrom = Long.MAX_VALUE;
    private volatile boolean draining;

    ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delayNanos = delay.orElse(Duration.ZERO).toNanos();
    }

    void onDelay(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFrom = System.nanoTime() + delayNanos;
        draining = true;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (!draining || System.nanoTime() - refuseFrom < 0 || isHealth(context.normalizedPath())) {
            context.next();
            return;
        }
        context.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
        ErrorJson.endClosing(context.request(), 503, "expected a serving instance, found this one shutting "
                + "down (its drain delay, quarkus.shutdown.delay, has passed); send the request to another instance");
    }

    private static boolean isHealth(String path) {
        return path.startsWith("/q/health") || path.startsWith("/v2/health");
    }
}
