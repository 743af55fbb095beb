package dev.mixguard.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.PackagedApp;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on the packaged app: readiness (both routes) goes DOWN at once, requests are still served during the
 * drain delay, then new connections are refused and new requests on open ones get 503 with JSON, Retry-After and
 * Connection: close, while the request in flight finishes with its answer and the process exits. A probe that would
 * outlive the shutdown timeout is stopped mixguard.probe.shutdown-margin before it ends and answered 503, and a
 * running job ends cancelled with the reason.
 */
class GracefulShutdownIT {

    private static final String CLASSIFY = "/v1/models/" + BundledModel.NAME + "/classify";
    /** A probe of 20,000 queries: 10 s on a quiet 2-CPU machine, so it keeps the process up past the drain delay. */
    private static final String PROBE = "/v1/models/" + BundledModel.NAME + "/probe?queries=19998&epsilon=0.001";
    private static final String ENDLESS_PROBE = "/v1/models/" + BundledModel.NAME + "/probe?queries=999998&epsilon=0.001";
    private static final String LONG_JOB = "/v1/models/" + BundledModel.NAME + "/probe-jobs?first=1000&queries=19000"
            + "&epsilon=0.0001";

    @Test
    void sigtermDrainsThenRefusesThenExits() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // the probe's shutdown deadline falls 3 + 60 - 2 s after the SIGTERM: time to finish on a loaded machine
        try (PackagedApp app = PackagedApp.start(List.of("-Xmx256m", "-Dquarkus.shutdown.delay=3s",
                "-Dquarkus.shutdown.timeout=60s"))) {
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

            try (KeepAliveConnection open = new KeepAliveConnection("localhost", app.port(), 10_000)) {
                open.open();
                Thread.sleep(Math.max(0, 3_300 - (System.nanoTime() - sigterm) / 1_000_000));
                assertThrows(ConnectException.class, () -> classify(client, app), "a new connection is refused");
                KeepAliveConnection.Answer refused = open.send(("POST " + CLASSIFY + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertRefusedClosing(refused.status(), refused.body(), refused::header, "\\{\"error\":\"expected a "
                        + "serving instance, found this one shutting down .*");
            }

            HttpResponse<String> finished = inFlight.get(70, TimeUnit.SECONDS);
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "the process exits");
            assertFalse(app.process().isAlive());
        }
    }

    @Test
    void aProbeStillRunningAtTheDeadlineIsAnswered503AndAJobEndsCancelledBeforeTheProcessExits() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (PackagedApp app = PackagedApp.start(List.of("-Xmx256m", "-Dquarkus.shutdown.delay=1s",
                "-Dquarkus.shutdown.timeout=4s", "-Dmixguard.probe.shutdown-margin=2s", "-Dmixguard.probe.threads=2",
                "-Dmixguard.probe.max-queries-per-image=1000000", "-Dmixguard.probe.max-request-time=10m"))) {
            HttpResponse<String> job = client.send(HttpRequest.newBuilder(app.uri(LONG_JOB))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, job.statusCode(), job.body());
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                    app.uri(ENDLESS_PROBE)).header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers
                            .ofByteArray(BundledModel.sample(0))).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            app.process().destroy();

            HttpResponse<String> stopped = inFlight.get(30, TimeUnit.SECONDS);
            assertRefusedClosing(stopped.statusCode(), stopped.body(), name -> stopped.headers().firstValue(name)
                    .orElse(null), "\\{\"error\":\"expected the probe to finish, found this instance shutting down "
                    + "after [1-9]\\d* of 1000000 queries; send it to another instance\"}");
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "the process exits");
            assertTrue(app.log().matches("(?s).*probe job \\S+ of model " + BundledModel.NAME + " ended cancelled: "
                    + "expected the job to run to its end, found this instance shutting down after \\d+ of 1000 "
                    + "images.*"), app.log());
        }
    }

    /** A 503 with a JSON body matching {@code expected}, Retry-After: 1 and Connection: close. */
    private static void assertRefusedClosing(int status, String body, Function<String, String> header,
            String expected) {
        assertEquals(503, status, body);
        assertTrue(body.matches(expected), body);
        assertEquals("application/json", header.apply("Content-Type"));
        assertEquals("1", header.apply("Retry-After"));
        assertEquals("close", header.apply("Connection"));
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
