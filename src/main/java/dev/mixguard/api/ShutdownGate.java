package dev.mixguard.api;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drains the service on SIGTERM. Quarkus' shutdown delay ({@code quarkus.shutdown.delay}) starts at once and takes
 * readiness DOWN while requests are still served; {@link #LISTENER_LEAD} before it ends the listening sockets close
 * ({@link Listeners}: a new connection is refused, so its client knows the request was never sent); once it has
 * passed, every new request on a connection still open, but the health checks, is answered 503 with JSON,
 * {@code Retry-After} and {@code Connection: close}, while Quarkus lets the requests in flight finish within
 * {@code quarkus.shutdown.timeout} and then exits. The exit is announced as a {@link ShutdownDeadline}, so that long
 * work (probes) can stop and answer before it.
 */
@ApplicationScoped
public class ShutdownGate {

    /** Right after {@link ConnectionGuard}, so a refused request still has its body drained. */
    static final int ORDER = ConnectionGuard.ORDER + 1;
    /** Seconds a refused client is asked to wait: another instance can take the request at once. */
    public static final String RETRY_AFTER = "1";
    /**
     * How long before the drain delay ends the listening sockets close. Quarkus stops waiting the moment no request is
     * in flight and then closes the server, dropping connections it accepted whose request had not yet come; closed
     * this much earlier, every connection it accepted has had the time to send its request, which is then answered.
     * A shorter drain delay closes them at the SIGTERM.
     */
    static final Duration LISTENER_LEAD = Duration.ofMillis(500);

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private final long delayNanos;
    private final long timeoutNanos;
    private final Event<ShutdownDeadline> exit;
    private final Vertx vertx;
    private volatile long refuseFrom = Long.MAX_VALUE;
    private volatile boolean draining;

    ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay,
            @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout,
            Event<ShutdownDeadline> exit, Vertx vertx) {
        this.delayNanos = delay.orElse(Duration.ZERO).toNanos();
        this.timeoutNanos = timeout.orElse(Duration.ZERO).toNanos();
        this.exit = exit;
        this.vertx = vertx;
    }

    /** Quarkus' pre-shutdown phase: fired on SIGTERM, before its {@code quarkus.shutdown.delay} sleep. */
    void onDelay(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFrom = System.nanoTime() + delayNanos;
        draining = true;
        exit.fire(new ShutdownDeadline(refuseFrom + timeoutNanos));
        long closeIn = Duration.ofNanos(delayNanos).minus(LISTENER_LEAD).toMillis();
        if (closeIn < 1) {
            stopAccepting();
        } else {
            vertx.setTimer(closeIn, id -> stopAccepting());
        }
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

    /**
     * {@code answer} to a request that came before the drain, for work the shutdown stopped: with {@code Retry-After}
     * and, on HTTP/1.x, {@code Connection: close}, the connection closing once it is sent.
     */
    public static Response closing(RoutingContext context, Response answer) {
        Response.ResponseBuilder closing = Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER.toString(),
                RETRY_AFTER);
        HttpServerRequest request = context.request();
        if (request.version() != HttpVersion.HTTP_2) {
            closing.header(HttpHeaders.CONNECTION.toString(), "close");
            context.addEndHandler(ended -> request.connection().close());
        }
        return closing.build();
    }

    private void stopAccepting() {
        LOG.infof("shutting down: closed %d listening sockets, new connections are refused; the drain delay ends in "
                + "%d ms", Listeners.close(), Math.max(0, (refuseFrom - System.nanoTime()) / 1_000_000));
    }

    private static boolean isHealth(String path) {
        return path.startsWith("/q/health") || path.startsWith("/v2/health");
    }
}
