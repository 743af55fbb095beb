package dev.mixguard.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.PackagedApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on the packaged app: readiness (both routes) goes DOWN at once, requests are still served during the
 * drain delay, then new ones get 503 with JSON, Retry-After and Connection: close, while the request in flight
 * finishes with its answer and the process exits.
 */
class GracefulShutdownIT {

    private static final String CLASSIFY = "/v1/models/" + BundledModel.NAME + "/classify";
    private static final String PROBE = "/v1/models/" + BundledModel.NAME + "/probe?queries=20000&restarts=1&epsilon=0.001";

    @Test
    void sigtermDrainsThenRefusesThenExits() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (PackagedApp app = PackagedApp.start(List.of("-Xmx256m", "-Dquarkus.shutdown.delay=3s",
                "-Dquarkus.shutdown.timeout=20s", "-Dmixguard.probe.max-queries-per-image=30000"))) {
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(app.uri(PROBE))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(
                            BundledModel.sample(0))).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            app.process().destroy();
            long sigterm = System.nanoTime();
            Thread.sleep(300);

            assertEquals(503, get(client, app, "/q/health/ready").statusCode(), "readiness DOWN at once");
            assertEquals(503, get(client, app, "/v2/health/ready").statusCode(), "v2 readiness DOWN at once");
            assertEquals(200, classify(client, app).statusCode(), "still served during the drain delay");

            Thread.sleep(Math.max(0, 3_300 - (System.nanoTime() - sigterm) / 1_000_000));
            HttpResponse<String> refused = classify(client, app);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().startsWith("{\"error\":\"expected a serving instance, found this one shutting "
                    + "down"), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("application/json", refused.headers().firstValue("Content-Type").orElse(null));
            assertEquals("close", refused.headers().firstValue("Connection").orElse(null));

            HttpResponse<String> finished = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "the process exits");
            assertFalse(app.process().isAlive());
        }
    }

    private static HttpResponse<String> classify(HttpClient client, PackagedApp app) throws Exception {
        return client.send(HttpRequest.newBuilder(app.uri(CLASSIFY)).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BundledModel.sample(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient client, PackagedApp app, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(app.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
