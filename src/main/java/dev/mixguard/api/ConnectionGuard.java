package dev.mixguard.api;

import dev.mixguard.config.HttpEdgeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Keeps every connection bounded in time and never left half-read. An answer sent before its request body was read
 * to the end (a failed multipart parse, a refused upload, an early error) carries {@code Connection: close}, and the
 * rest of the body is read and dropped for at most {@code mixguard.http.drain-timeout} before the connection
 * closes: left paused, it would hold its socket and buffers until the idle timeout. A body still arriving
 * {@code mixguard.http.body-timeout} after its headers gets 408; a kept-alive connection that does not start its
 * next request within {@code mixguard.http.header-timeout} is closed.
 */
@ApplicationScoped
public class ConnectionGuard {

    /** HTTP/2 error code CANCEL, for a stream whose body is not wanted any more. */
    private static final long CANCEL = 8;

    /** Before every other route, Quarkus' body-size check (-2) and {@link BodyLimitGuard} (-3) included. */
    static final int ORDER = -100;

    private final Vertx vertx;
    private final long headerMillis;
    private final long bodyMillis;
    private final long drainMillis;
    private final int maxUri;
    private final int maxHeaders;
    /** The header timer of each kept-alive connection waiting for its next request. */
    private final Map<HttpConnection, Long> idle = new WeakHashMap<>();

    ConnectionGuard(Vertx vertx, HttpEdgeConfig config) {
        this.vertx = vertx;
        this.headerMillis = config.headerTimeout().toMillis();
        this.bodyMillis = config.bodyTimeout().toMillis();
        this.drainMillis = config.drainTimeout().toMillis();
        this.maxUri = config.maxUriLength();
        this.maxHeaders = config.maxHeaderSize();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (http1) {
            cancelHeaderTimer(connection);
        }
        boolean body = hasBody(request);
        context.addHeadersEndHandler(v -> {
            if (http1 && body && !request.isEnded()) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
        });
        long bodyTimer = body && !request.isEnded() ? vertx.setTimer(bodyMillis, id -> bodyTimedOut(context)) : -1;
        context.addEndHandler(done -> {
            if (bodyTimer >= 0) {
                vertx.cancelTimer(bodyTimer);
            }
            if (body && !request.isEnded()) {
                drain(context, http1);
            } else if (http1 && done.succeeded()) {
                startHeaderTimer(connection);
            }
        });
        if (withinHeadLimits(request)) {
            context.next();
        }
    }

    /** Answers 414 or 431 in JSON when the request line or the headers are over their limits. */
    private boolean withinHeadLimits(HttpServerRequest request) {
        if (request.uri().length() > maxUri) {
            ErrorJson.endClosing(request, 414, "expected a request target of at most " + maxUri
                    + " characters (mixguard.http.max-uri-length), found " + request.uri().length());
            return false;
        }
        long size = 0;
        for (var header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        if (size > maxHeaders) {
            ErrorJson.endClosing(request, 431, "expected request headers of at most " + maxHeaders
                    + " bytes (mixguard.http.max-header-size), found " + size);
            return false;
        }
        return true;
    }

    /** Whether the request carries a body by HTTP/1.1 framing (HTTP/2 streams are ended by the client). */
    private static boolean hasBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || length != null && !length.trim().equals("0");
    }

    private void bodyTimedOut(RoutingContext context) {
        if (!context.request().isEnded()) {
            ErrorJson.endClosing(context.request(), 408, "expected the request body within "
                    + bodyMillis / 1000.0 + " s of its headers (mixguard.http.body-timeout), found it still arriving");
        }
    }

    /**
     * Reads and drops what is left of the body for at most the drain timeout, then closes the connection (HTTP/1.x)
     * or resets just this stream (HTTP/2, where the connection carries other requests).
     */
    private void drain(RoutingContext context, boolean http1) {
        HttpServerRequest request = context.request();
        Runnable stop = http1 ? request.connection()::close : () -> context.response().reset(CANCEL);
        long timer = vertx.setTimer(drainMillis, id -> stop.run());
        try {
            request.handler(chunk -> {
            });
            request.endHandler(end -> {
                vertx.cancelTimer(timer);
                if (http1) {
                    stop.run();
                }
            });
            request.exceptionHandler(e -> stop.run());
            request.resume();
            if (request.isEnded()) {
                // a blocking route read the body to its end but left the request paused, so its end came and went
                vertx.cancelTimer(timer);
                if (http1) {
                    stop.run();
                }
            }
        } catch (IllegalStateException e) {
            vertx.cancelTimer(timer);
            stop.run();
        }
    }

    private void startHeaderTimer(HttpConnection connection) {
        long timer = vertx.setTimer(headerMillis, id -> {
            synchronized (idle) {
                if (idle.remove(connection) == null) {
                    return;
                }
            }
            connection.close();
        });
        synchronized (idle) {
            idle.put(connection, timer);
        }
    }

    private void cancelHeaderTimer(HttpConnection connection) {
        Long timer;
        synchronized (idle) {
            timer = idle.remove(connection);
        }
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
