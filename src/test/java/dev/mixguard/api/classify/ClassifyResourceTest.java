package dev.mixguard.api.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Classifying the bundled model's sample images through every input form of POST /v1/models/{name}/classify. */
@QuarkusTest
public class ClassifyResourceTest {

    public static final String CLASSIFY = "/v1/models/" + BundledModel.NAME + "/classify";

    @Test
    void pngBodyGetsAFullPrediction() {
        JsonPath json = given().contentType("image/png").body(BundledModel.sample(0))
                .when().post(CLASSIFY).then().statusCode(200).extract().jsonPath();
        assertEquals(BundledModel.NAME, json.getString("model"));
        assertEquals("cpu", json.getString("provider"));
        assertEquals(1, json.getList("predictions").size());
        List<String> labels = labels();
        Map<String, Object> p = json.getMap("predictions[0]");
        int index = json.getInt("predictions[0].class_index");
        assertEquals(labels.get(index), p.get("label"));
        List<Float> topK = json.getList("predictions[0].top_k.probability", Float.class);
        assertEquals(5, topK.size(), "top_k defaults to 5");
        assertEquals(json.getFloat("predictions[0].probability"), topK.get(0));
        for (int i = 1; i < topK.size(); i++) {
            assertTrue(topK.get(i - 1) >= topK.get(i), "top_k sorted by probability: " + topK);
        }
        float alpha = json.getFloat("predictions[0].alpha");
        float alphaLow = json.getFloat("knobs.alpha_low");
        assertTrue(alpha >= alphaLow - 1e-6 && alpha <= json.getFloat("knobs.alpha_high") + 1e-6,
                "alpha " + alpha + " inside the knobs' range");
        assertTrue(labels.contains(json.getString("predictions[0].standard.label")));
        assertTrue(labels.contains(json.getString("predictions[0].robust.label")));
        assertCertificate(json, 0, alphaLow);
        assertTrue(json.getDouble("timing.total_ms") > 0);
    }

    @Test
    void everyInputFormGivesTheSameAnswerForTheSameImage() {
        byte[] png = BundledModel.sample(7);
        JsonPath raw = post(given().contentType("image/png").body(png));
        JsonPath multipart = post(given().multiPart("image", "7.png", png, "image/png"));
        String base64 = Base64.getEncoder().encodeToString(png);
        JsonPath images = post(given().contentType("application/json")
                .body(Map.of("images", List.of(base64, "data:image/png;base64," + base64))));
        JsonPath tensor = post(given().contentType("application/json").body(Map.of("tensor",
                Map.of("shape", List.of(1, 1, 28, 28), "data", Images.greyValues(png)))));
        for (JsonPath other : List.of(multipart, images, tensor)) {
            assertSamePrediction(raw, 0, other, 0);
        }
        assertSamePrediction(raw, 0, images, 1);
    }

    @Test
    void jpegBodyIsDecodedAndClassified() {
        JsonPath json = post(given().contentType("image/jpeg").body(Images.pngToJpeg(BundledModel.sample(9))));
        assertEquals(1, json.getList("predictions").size());
        assertTrue(labels().contains(json.getString("predictions[0].label")));
    }

    @Test
    void topKSelectsHowManyClassesAreListed() {
        given().contentType("image/png").body(BundledModel.sample(1)).queryParam("top_k", 3)
                .when().post(CLASSIFY).then().statusCode(200).body("predictions[0].top_k", hasSize(3));
        JsonPath all = post(given().contentType("image/png").body(BundledModel.sample(1)).queryParam("top_k", 10));
        double sum = all.getList("predictions[0].top_k.probability", Float.class).stream()
                .mapToDouble(Float::doubleValue).sum();
        assertEquals(1.0, sum, 1e-4, "the mixed probabilities of all classes sum to one");
    }

    @Test
    void multipartBatchOf64ImagesAnswersEachImageInOrder() throws Exception {
        List<Path> samples = BundledModel.samples();
        RequestSpecification batch = given();
        for (int i = 0; i < 64; i++) {
            Path sample = samples.get(i % samples.size());
            batch.multiPart("image", sample.getFileName().toString(), Files.readAllBytes(sample), "image/png");
        }
        List<Map<String, Object>> batched = post(batch).getList("predictions");
        assertEquals(64, batched.size());
        for (int i = 0; i < samples.size(); i++) {
            Map<String, Object> single = prediction(post(given().contentType("image/png")
                    .body(Files.readAllBytes(samples.get(i)))), 0);
            for (int j = i; j < 64; j += samples.size()) {
                assertSamePrediction(single, batched.get(j), "image " + j);
            }
        }
    }

    @Test
    void modelListingAndMetadataDescribeTheServedModel() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("models.name", hasItem(BundledModel.NAME))
                .body("models.find { it.name == '" + BundledModel.NAME + "' }.status", equalTo("ready"));
        JsonPath info = given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(labels(), info.getList("labels"));
        assertEquals(List.of(-1, 1, 28, 28), info.getList("input.shape"));
        assertEquals("grey", info.getString("input.colour"));
        assertEquals("cpu", info.getString("provider"));
        assertEquals(List.of("tensorrt", "cuda"), info.getList("skipped_providers.provider"),
                "the default preference tensorrt,cuda,cpu skips both GPU providers here");
        assertEquals(info.getFloat("spec_knobs.alpha_low"), info.getFloat("knobs.alpha_low"));
        assertTrue(info.getMap("card") != null, "the model card is passed through");
        List<Map<String, Object>> frontier = info.getList("card.frontier");
        assertTrue(frontier != null && !frontier.isEmpty(), "the card's accuracy-robustness frontier is passed through");
        assertTrue(frontier.stream().anyMatch(p -> "adaptive".equals(p.get("kind"))
                        && info.getMap("spec_knobs").equals(p.get("knobs"))),
                "the frontier holds the shipped knobs' adaptive point, found " + frontier);
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        String openapi = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertTrue(openapi.contains("/v1/models/{name}/classify"), "classify route documented");
    }

    public static void assertCertificate(JsonPath json, int image, float alphaLow) {
        String at = "predictions[" + image + "].certificate.";
        float margin = json.getFloat(at + "margin");
        assertEquals(alphaLow, json.getFloat(at + "alpha_low"), 1e-6f);
        assertTrue(margin >= 0 && margin <= 1, "h's probability margin lies in [0, 1]: " + margin);
        if (alphaLow <= 0) {
            assertNull(json.get(at + "threshold"), "no finite threshold at alpha_low = 0");
            assertFalse(json.getBoolean(at + "holds"), "the condition cannot hold at alpha_low = 0");
            return;
        }
        float threshold = json.getFloat(at + "threshold");
        assertEquals((1 - alphaLow) / alphaLow, threshold, 1e-5f);
        assertEquals(margin > threshold, json.getBoolean(at + "holds"));
    }

    static void assertSamePrediction(JsonPath expected, int i, JsonPath actual, int j) {
        assertSamePrediction(prediction(expected, i), prediction(actual, j), "image " + j);
    }

    /** Compares two predictions as parsed maps (JsonPath expressions are slow to evaluate one by one). */
    static void assertSamePrediction(Map<String, Object> expected, Map<String, Object> actual, String what) {
        assertEquals(expected.get("class_index"), actual.get("class_index"), what);
        assertEquals(number(expected, "probability"), number(actual, "probability"), 1e-5f, what);
        assertEquals(number(expected, "alpha"), number(actual, "alpha"), 1e-5f, what);
        assertEquals(((Map<?, ?>) expected.get("robust")).get("label"), ((Map<?, ?>) actual.get("robust"))
                .get("label"), what);
    }

    static Map<String, Object> prediction(JsonPath json, int index) {
        return json.<Map<String, Object>>getList("predictions").get(index);
    }

    private static float number(Map<String, Object> prediction, String key) {
        return ((Number) prediction.get(key)).floatValue();
    }

    public static JsonPath post(RequestSpecification request) {
        return request.when().post(CLASSIFY).then().statusCode(200).extract().jsonPath();
    }

    public static List<String> labels() {
        try {
            return Files.readAllLines(BundledModel.FOLDER.resolve("labels.txt"), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
