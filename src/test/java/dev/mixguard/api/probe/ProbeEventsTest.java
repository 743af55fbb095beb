package dev.mixguard.api.probe;

import static dev.mixguard.support.ErrorBodies.assertErrorBody;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /v1/models/{name}/probe/events: the probe's progress as Server-Sent Events, its answer, its refusals, cancel. */
@QuarkusTest
class ProbeEventsTest {

    static final String EVENTS = ProbeResourceTest.PROBE + "/events";

    @Test
    void theStreamCountsQueriesUpToTheBudgetThenGivesThePlainProbesAnswer() {
        byte[] png = BundledModel.sample(2);
        List<JsonPath> events = events(given().contentType("image/png").body(png)
                .queryParam("epsilon", 1e-4).queryParam("queries", 200).queryParam("seed", 1));
        JsonPath done = events.get(events.size() - 1);
        assertEquals("done", done.getString("type"));
        List<JsonPath> progress = events.subList(0, events.size() - 1);
        assertTrue(progress.size() >= 2, "progress while the attack runs, found " + progress.size() + " events");
        long last = 0;
        for (JsonPath p : progress) {
            assertEquals("progress", p.getString("type"));
            assertEquals(202, p.getInt("progress.max_queries"), "the clean pass, the start and 200 steps");
            long used = p.getLong("progress.queries_used");
            assertTrue(used >= last && used <= 202, "queries used only grow, within the budget: " + used);
            last = used;
            assertNull(p.get("result"));
        }
        assertEquals(202, done.getInt("progress.queries_used"), "no change of 1e-4 per pixel fools it");
        Map<String, Object> plain = ProbeResourceTest.probe(given().contentType("image/png").body(png)
                .queryParam("epsilon", 1e-4).queryParam("queries", 200).queryParam("seed", 1)).getMap("");
        for (String key : List.of("found", "status", "queries_used", "best_margin", "clean", "interpretation")) {
            assertEquals(plain.get(key), done.getMap("result").get(key), key + ": the same attack, the same answer");
        }
    }

    @Test
    void everyBodyFormStreams() {
        byte[] png = BundledModel.sample(6);
        RequestSpecification multipart = given().multiPart("image", "6.png", png, "image/png");
        RequestSpecification json = given().contentType("application/json").body(Map.of(
                "images", List.of(Base64.getEncoder().encodeToString(png)), "queries", 30));
        for (RequestSpecification request : List.of(multipart.queryParam("queries", 30), json)) {
            List<JsonPath> events = events(request);
            JsonPath done = events.get(events.size() - 1);
            assertEquals("done", done.getString("type"));
            assertEquals(32, done.getInt("result.attack.max_queries_per_image"));
        }
    }

    @Test
    void refusalsAreHttpAnswersBeforeTheStreamOpens() {
        assertErrorBody(stream().contentType("image/png").body("not a png".getBytes(StandardCharsets.US_ASCII)).post(EVENTS), 400,
                "image: expected a PNG or JPEG image");
        assertErrorBody(stream().contentType("image/png").body(BundledModel.sample(0)).queryParam("queries", "abc")
                .post(EVENTS), 400, "queries: expected an integer, found \"abc\"");
        assertErrorBody(stream().contentType("image/png").body(BundledModel.sample(0))
                .post("/v1/models/nope/probe/events"), 404, "expected a model name among");
        RequestSpecification two = stream().multiPart("image", "a.png", BundledModel.sample(0), "image/png")
                .multiPart("image", "b.png", BundledModel.sample(1), "image/png");
        assertErrorBody(two.post(EVENTS), 400, "expected exactly one image to probe, found 2");
    }

    @Test
    void closingTheStreamCancelsTheAttackOnTheServer() throws IOException, InterruptedException {
        String cancelled = "mixguard_probe_finished_total{attack=\"square-linf\",model=\"" + BundledModel.NAME
                + "\",outcome=\"cancelled\"}";
        double before = Metrics.scrape().valueOr(cancelled, 0);
        byte[] png = BundledModel.sample(0);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + EVENTS + "?queries=19000&epsilon=0.0001 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: image/png\r\nAccept: text/event-stream\r\nContent-Length: " + png.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(png);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("data:"));
            assertTrue(line != null && line.contains("\"type\":\"progress\""), "a first progress event: " + line);
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Metrics.scrape().valueOr(cancelled, 0) <= before) {
            assertTrue(System.nanoTime() < deadline, "the server counts the attack cancelled within 20 s");
            Thread.sleep(100);
        }
    }

    private static RequestSpecification stream() {
        return given().accept("text/event-stream");
    }

    /** Posts {@code request} to the events route and reads every event of the stream. */
    static List<JsonPath> events(RequestSpecification request) {
        Response response = request.accept("text/event-stream").when().post(EVENTS);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("text/event-stream"), response.contentType());
        List<JsonPath> events = new ArrayList<>();
        for (String block : response.asString().replace("\r\n", "\n").split("\n\n")) {
            String data = String.join("\n", Arrays.stream(block.split("\n")).filter(l -> l.startsWith("data:"))
                    .map(l -> l.substring(5)).toList());
            if (!data.isBlank()) {
                events.add(new JsonPath(data));
            }
        }
        assertTrue(!events.isEmpty(), "events in " + response.asString());
        return events;
    }
}
