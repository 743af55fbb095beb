package dev.mixguard.api.ui;

import dev.mixguard.config.UiConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Puts the console (static files under META-INF/resources/ui, uPlot from its webjar) at / and /ui/ with a
 * same-origin Content-Security-Policy, or answers 404 naming mixguard.ui.enabled there when it is off.
 */
@Singleton
public class ConsoleRoutes {

    /** The console's page. */
    static final String HOME = "/ui/";

    /** Everything from this server, nothing from elsewhere: the console needs no network beyond its own origin. */
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /** Ahead of the static-resource and REST handlers. */
    private static final int PRIORITY = 100;

    void register(@Observes Filters filters, UiConfig config) {
        boolean enabled = config.enabled();
        filters.register(rc -> route(rc, enabled), PRIORITY);
    }

    private static void route(RoutingContext rc, boolean enabled) {
        String path = rc.normalizedPath();
        boolean console = path.equals("/") || path.equals("/ui") || path.startsWith(HOME);
        if (!console && !path.startsWith("/webjars/")) {
            rc.next();
        } else if (!enabled) {
            rc.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("error", "expected the web console at " + path + " to be enabled "
                            + "(mixguard.ui.enabled=true), found it turned off; the API under /v1 and /v2 still "
                            + "serves").encode());
        } else if (console && !path.startsWith(HOME) && isRead(rc.request().method())) {
            rc.redirect(HOME);
        } else {
            rc.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            // the static handler marks files immutable for a day; the console must follow a server upgrade
            rc.addHeadersEndHandler(v -> rc.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
            rc.next();
        }
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
