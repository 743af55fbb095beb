package dev.mixguard.edge;

import static dev.mixguard.support.ErrorBodies.assertErrorBody;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.api.probe.jobs.ProbeJobs;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13's D3 to D6: the right status for every bad request, always a JSON body, and nothing internal in it. */
@QuarkusTest
class EdgeAnswersTest {

    private static final String CLASSIFY = "/v1/models/" + BundledModel.NAME + "/classify";
    /** quarkus.http.limits.max-body-size in application.properties (10M). */
    private static final int MAX_BODY = 10 * 1024 * 1024;

    @Test
    void aMalformedTopKIs400NamingIt() {
        for (String value : new String[] {"abc", "1.5", "2147483648"}) {
            assertErrorBody(png().queryParam("top_k", value).when().post(CLASSIFY), 400,
                    "top_k: expected an integer, found \"" + value + "\"");
        }
    }

    @Test
    void aJsonTypeErrorNamesJsonKindsNotJavaTypes() {
        Response response = given().contentType("application/json").body("{\"images\": 5}").when().post(CLASSIFY);
        assertErrorBody(response, 400, "found: a value that is not an array at $.images");
        assertFalse(response.asString().contains("dev.mixguard") || response.asString().contains("java."),
                response.asString());
    }

    @Test
    void aLongRequestTargetIs414AndBigHeadersAre431InJson() {
        assertErrorBody(given().when().get("/v1/models?q=" + "a".repeat(5000)), 414,
                "(mixguard.http.max-uri-length)");
        assertErrorBody(given().header("X-Big", "b".repeat(30_000)).when().get("/v1/models"), 431,
                "(mixguard.http.max-header-size)");
    }

    @Test
    void aChunkedRawOrJsonBodyOverTheLimitIs413InJsonNamingTheLimit() throws Exception {
        byte[] json = ("{\"images\": [\"" + "A".repeat(MAX_BODY) + "\"]}").getBytes(StandardCharsets.US_ASCII);
        for (var body : Map.of("image/png", new byte[MAX_BODY + 1], "application/json", json).entrySet()) {
            HttpResponse<String> answer = postChunked(body.getKey(), body.getValue());
            assertEquals(413, answer.statusCode(), answer.body());
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
            assertEquals("close", answer.headers().firstValue("Connection").orElse(""));
            String error = new JsonPath(answer.body()).getString("error");
            assertEquals("expected a body of at most " + MAX_BODY + " bytes (quarkus.http.limits.max-body-size), "
                    + "found more in a body sent without Content-Length", error, body.getKey());
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        HttpResponse<String> raw = postChunked("image/png", BundledModel.sample(0));
        assertEquals(200, raw.statusCode(), raw.body());
        String base64 = "\"" + Base64.getEncoder().encodeToString(BundledModel.sample(0)) + "\"";
        byte[] json = ("{\"images\": [" + String.join(",", Collections.nCopies(41, base64)) + "]}")
                .getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> batch = postChunked("application/json", json);
        assertEquals(200, batch.statusCode(), batch.body());
        assertEquals(41, new JsonPath(batch.body()).getList("predictions").size());
    }

    @Test
    void aRequestWithoutHostIs400InJson() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write("GET /v1/models HTTP/1.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.endsWith("{\"error\":\"expected a Host header (HTTP/1.1 requires one), found none\"}"),
                    answer);
        }
    }

    @Test
    void aJobsJsonBodyIsHonouredAndItsLocationIgnoresTheHostHeader() {
        Response started = given().header("Host", "attacker.example").contentType("application/json")
                .body(Map.of("first", 1, "queries", 3)).when().post(ProbeJobs.JOBS);
        assertEquals(202, started.statusCode(), started.asString());
        String id = started.jsonPath().getString("id");
        try {
            assertEquals("bundled probe set, first 1", started.jsonPath().getString("source"));
            assertEquals(3, started.jsonPath().getInt("attack.queries"));
            assertEquals(ProbeJobs.JOBS + "/" + id, started.header("Location"));
        } finally {
            ProbeJobs.awaitEnd(id, 60);
        }
    }

    @Test
    void aJobsBodyOfAnotherTypeIs400() {
        assertErrorBody(given().contentType("application/x-www-form-urlencoded").body("first=1&queries=3")
                .when().post(ProbeJobs.JOBS), 400, "expected a job's parameters in the query, in JSON");
    }

    /** POSTs {@code body} to classify chunked: an input stream's length is unknown, so no Content-Length. */
    private static HttpResponse<String> postChunked(String type, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + CLASSIFY))
                .header("Content-Type", type).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static io.restassured.specification.RequestSpecification png() {
        return given().contentType("image/png").body(BundledModel.sample(0));
    }
}
