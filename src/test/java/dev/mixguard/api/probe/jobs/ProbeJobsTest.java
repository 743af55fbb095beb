package dev.mixguard.api.probe.jobs;

import static io.restassured.RestAssured.given;
import static dev.mixguard.support.ErrorBodies.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixguard.api.classify.ClassifyResourceTest;
import dev.mixguard.probe.ProbeCsv;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Probe jobs over the bundled probe set and over uploads: progress, events, results, CSV and cancellation. */
@QuarkusTest
class ProbeJobsTest {

    private static final String JOBS = ProbeJobs.JOBS;

    @TestHTTPResource
    URI root;

    @Test
    void aBundledJobRunsToAResultThatMatchesTheProbeSet() {
        Response created = given().queryParam("first", 8).queryParam("queries", 50).when().post(JOBS);
        created.then().statusCode(202);
        String id = created.jsonPath().getString("id");
        assertTrue(created.header("Location").endsWith(JOBS + "/" + id), created.header("Location"));
        assertEquals("bundled probe set, first 8", created.jsonPath().getString("source"));
        JsonPath done = ProbeJobs.awaitEnd(id, 60);
        assertEquals("succeeded", done.getString("state"));
        assertEquals(8, done.getInt("progress.images_done"));
        assertEquals(8, done.getInt("result.images_probed"));
        JsonNode pytorch = BundledModel.json("probe-set.json").get("pytorch_predictions");
        List<Map<String, Object>> rows = done.getList("result.rows");
        int correct = 0;
        int robust = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertEquals(i, row.get("index"));
            assertEquals(pytorch.get(i).asInt(), row.get("clean_class"), "row " + i + " clean class as PyTorch's");
            assertTrue((int) row.get("queries") <= 52, "row " + i + " within 1 + (50 + 1) queries");
            correct += row.get("clean_class").equals(row.get("label")) ? 1 : 0;
            robust += (boolean) row.get("robust") ? 1 : 0;
        }
        assertEquals(correct / 8.0, done.getDouble("result.clean_accuracy"), 1e-9);
        assertEquals(robust / 8.0, done.getDouble("result.robust_accuracy"), 1e-9);
        assertTrue(done.getString("result.interpretation").contains("not a proof"));

        String csv = given().when().get(JOBS + "/" + id + "/result.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(ProbeCsv.HEADER, lines[0]);
        assertEquals(9, lines.length, "the header and one line per image");
    }

    @Test
    void eachFoundExampleIsServedAsAPngWithinEpsilonOfItsCleanImage() throws Exception {
        String id = ProbeJobs.start(Map.of("first", 8, "queries", 100));
        JsonPath done = ProbeJobs.awaitEnd(id, 60);
        double epsilon = done.getDouble("attack.epsilon");
        List<Map<String, Object>> rows = done.getList("result.rows");
        assertTrue(rows.stream().anyMatch(row -> (boolean) row.get("found")), "the first 8 images at 100 queries "
                + "include one the attack fools (image 6)");
        for (Map<String, Object> row : rows) {
            int index = (int) row.get("index");
            String path = JOBS + "/" + id + "/adversarial/" + index;
            if (!(boolean) row.get("found")) {
                assertNull(row.get("adversarial_image"));
                assertErrorBody(given().when().get(path), 404, "expected an adversarial example, found none");
                continue;
            }
            assertEquals(path, row.get("adversarial_image"));
            int[] adversarial = grey(given().when().get(path).then().statusCode(200).contentType("image/png")
                    .extract().asByteArray());
            int[] clean = grey(given().when().get("/v1/models/" + BundledModel.NAME + "/probe-set/" + index).then()
                    .statusCode(200).extract().asByteArray());
            for (int i = 0; i < clean.length; i++) {
                assertTrue(Math.abs(adversarial[i] - clean[i]) <= 255 * epsilon + 1, "image " + index + " pixel "
                        + i + ": within epsilon of the clean image, give or take 8-bit rounding");
            }
        }
        assertErrorBody(given().when().get(JOBS + "/" + id + "/adversarial/abc"), 400,
                "index: expected an integer, found \"abc\"");
        assertErrorBody(given().when().get(JOBS + "/" + id + "/adversarial/8"), 404,
                "expected an image the job probed (0 to 7), found none");
    }

    /** The 8-bit grey pixels of a PNG. */
    private static int[] grey(byte[] png) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(28, image.getWidth());
        return image.getRaster().getPixels(0, 0, 28, 28, (int[]) null);
    }

    @Test
    void aPostWithoutBodyOrContentTypeStartsABundledJob() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(JOBS + "?first=2&queries=5"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        JsonNode job = new ObjectMapper().readTree(response.body());
        assertEquals("bundled probe set, first 2", job.get("source").asText());
        ProbeJobs.awaitEnd(job.get("id").asText(), 60);
    }

    @Test
    void anUploadedSetIsProbedAgainstItsLabels() throws Exception {
        var request = given().queryParam("queries", 20).multiPart("labels", "9,2,1");
        for (int i = 0; i < 3; i++) {
            request.multiPart("image", i + ".png", Files.readAllBytes(BundledModel.samples().get(i)), "image/png");
        }
        String id = request.when().post(JOBS).then().statusCode(202).extract().jsonPath().getString("id");
        JsonPath done = ProbeJobs.awaitEnd(id, 60);
        assertEquals("3 uploaded images", done.getString("source"));
        assertEquals(List.of(9, 2, 1), done.getList("result.rows.label", Integer.class));
        List<Integer> classified = ClassifyResourceTest.post(given().contentType("image/png")
                .body(BundledModel.sample(0))).getList("predictions.class_index", Integer.class);
        assertEquals(classified.get(0), done.getInt("result.rows[0].clean_class"));
    }

    @Test
    void eventsStreamProgressThenOneDoneEvent() throws Exception {
        String id = ProbeJobs.start(Map.of("first", 16, "queries", 500, "epsilon", 1e-4));
        HttpRequest request = HttpRequest.newBuilder(root.resolve(JOBS + "/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        List<JsonNode> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("data:")) {
                    events.add(json.readTree(line.substring(5)));
                }
            }
        }
        JsonNode last = events.get(events.size() - 1);
        assertEquals("done", last.get("type").asText(), "the stream ends with the done event");
        assertEquals("succeeded", last.at("/job/state").asText());
        assertEquals(16, last.at("/job/result/images_probed").asInt());
        List<JsonNode> progress = events.subList(0, events.size() - 1);
        assertTrue(progress.stream().allMatch(e -> e.get("type").asText().equals("progress")));
        assertTrue(progress.stream().anyMatch(e -> e.at("/job/progress/queries").asLong() > 0),
                "progress arrived while the job ran: " + events.size() + " events");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i).at("/job/progress/images_done").asInt()
                    >= progress.get(i - 1).at("/job/progress/images_done").asInt(), "images done never go back");
        }
    }

    @Test
    void deleteCancelsARunningJobWithinTwoSeconds() {
        String id = ProbeJobs.startLong();
        try {
            ProbeJobs.awaitState(id, "running", 30);
            long start = System.nanoTime();
            given().when().delete(JOBS + "/" + id).then().statusCode(202);
            JsonPath done = ProbeJobs.awaitEnd(id, 10);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("cancelled", done.getString("state"));
            assertTrue(seconds < 2.0, "cancelled in " + seconds + " s");
            assertTrue(done.getInt("result.images_probed") < 1000, "the job stopped early");
            given().when().delete(JOBS + "/" + id).then().statusCode(204);
            given().when().get(JOBS + "/" + id).then().statusCode(404);
        } finally {
            ProbeJobs.cancel(id);
        }
    }

    @Test
    void classifyStaysResponsiveWhileAJobRuns() {
        String id = ProbeJobs.startLong();
        try {
            ProbeJobs.awaitState(id, "running", 30);
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                ClassifyResourceTest.post(given().contentType("image/png").body(BundledModel.sample(i % 10)));
                double seconds = (System.nanoTime() - start) / 1e9;
                assertTrue(seconds < 2.0, "classify took " + seconds + " s while a probe job ran");
            }
            assertEquals("running", given().when().get(JOBS + "/" + id).jsonPath().getString("state"),
                    "the job was still running throughout");
        } finally {
            ProbeJobs.cancel(id);
        }
    }
}
