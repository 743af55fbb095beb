package dev.mixguard.api.probe;

import static dev.mixguard.support.ErrorBodies.assertErrorBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.api.ShutdownDeadline;
import dev.mixguard.api.probe.jobs.ProbeJobs;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shutdown's deadline for probes: a probe that ended before it answered normally; a probe request still running
 * answers 503 with JSON saying how far it got, Retry-After and Connection: close; an event stream ends with an
 * "error" event saying the same; a job ends cancelled with the reason; probes admitted later stop before their clean
 * pass. The deadline comes from the {@link ShutdownDeadline} event ShutdownGate fires on SIGTERM, fired here with
 * Quarkus' exit already due, so it passes at once (the app goes on serving: only the probes are stopped).
 */
@QuarkusTest
@TestProfile(ProbeShutdownTest.ThreeProbeThreads.class)
class ProbeShutdownTest {

    /** Three probe threads, so a job, a probe request and an event stream run side by side. */
    public static class ThreeProbeThreads implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.probe.threads", "3", "mixguard.probe.shutdown-margin", "30s");
        }
    }

    private static final String PROBE = "expected the probe to finish, found this instance shutting down after ";
    private static final String LONG = "?queries=19998&epsilon=0.0001";

    @Inject
    Event<ShutdownDeadline> deadline;

    @Inject
    ProbeExecutor executor;

    @TestHTTPResource("/v1/models/" + BundledModel.NAME + "/probe/events" + LONG)
    URI longEvents;

    @Test
    void probesStillRunningAtTheDeadlineAnswer503AndJobsEndCancelledWithTheReason() throws Exception {
        given().contentType("image/png").body(BundledModel.sample(0)).queryParam("queries", 5)
                .when().post(ProbeResourceTest.PROBE).then().statusCode(200).body("queries_used", lessThanOrEqualTo(7))
                .body("status", not("cancelled"));
        String job = ProbeJobs.startLong();
        CompletableFuture<Response> probe = CompletableFuture.supplyAsync(() -> given().contentType("image/png")
                .body(BundledModel.sample(0)).when().post(ProbeResourceTest.PROBE + LONG));
        Iterator<JsonPath> stream = openEvents().iterator();
        assertEquals("progress", stream.next().getString("type"), "the event stream's probe runs");
        awaitHeld(3);

        long now = System.nanoTime();
        deadline.fire(new ShutdownDeadline(now));

        Response stopped = probe.get(60, TimeUnit.SECONDS);
        assertErrorBody(stopped, 503, PROBE);
        assertTrue(stopped.jsonPath().getString("error").matches(PROBE + "\\d+ of 20000 queries; send it to another "
                + "instance"), stopped.asString());
        assertEquals("1", stopped.header("Retry-After"));
        assertEquals("close", stopped.header("Connection"));
        JsonPath last = lastOf(stream);
        assertEquals("error", last.getString("type"), last.prettify());
        assertTrue(last.getString("error").matches(PROBE + "[1-9]\\d* of 20000 queries; send it to another instance"),
                last.getString("error"));
        JsonPath ended = ProbeJobs.awaitEnd(job, 60);
        assertEquals("cancelled", ended.getString("state"));
        assertTrue(ended.getString("error").matches("expected the job to run to its end, found this instance shutting "
                + "down after \\d+ of 1000 images \\(\\d+ of them cut short\\); start it again on another instance"),
                ended.prettify());

        assertErrorBody(given().contentType("image/png").body(BundledModel.sample(1)).queryParam("queries", 5)
                .when().post(ProbeResourceTest.PROBE), 503, PROBE + "0 of 7 queries; send it to another instance");
        List<JsonPath> events = ProbeEventsTest.events(given().contentType("image/png").body(BundledModel.sample(1))
                .queryParam("queries", 5));
        assertEquals(PROBE + "0 of 7 queries; send it to another instance", events.get(events.size() - 1)
                .getString("error"));
        assertEquals(0, executor.held(), "every stopped probe gave its place back");
    }

    /** The long probe's event stream, read as its events arrive. */
    private Stream<JsonPath> openEvents() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(longEvents)
                .header("Content-Type", "image/png").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BundledModel.sample(2))).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        return response.body().filter(line -> line.startsWith("data:")).map(line -> new JsonPath(line.substring(5)));
    }

    private static JsonPath lastOf(Iterator<JsonPath> events) {
        JsonPath last = null;
        while (events.hasNext()) {
            last = events.next();
        }
        return last;
    }

    private void awaitHeld(int places) throws InterruptedException {
        for (int i = 0; i < 3000 && executor.held() < places; i++) {
            Thread.sleep(10);
        }
        assertEquals(places, executor.held(), "probes holding a place");
    }
}
