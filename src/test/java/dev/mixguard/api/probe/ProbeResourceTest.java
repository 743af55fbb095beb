package dev.mixguard.api.probe;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixguard.api.classify.ClassifyResourceTest;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** POST /v1/models/{name}/probe on the bundled model's sample images, in every body form. */
@QuarkusTest
class ProbeResourceTest {

    static final String PROBE = "/v1/models/" + BundledModel.NAME + "/probe";
    static final double TOLERANCE = 1e-6;

    @Test
    void probeOfASamplePngReturnsTheDocumentedFields() throws IOException {
        double eps = threatEpsilon();
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(0))
                .queryParam("queries", 300).queryParam("seed", 1));
        assertEquals(BundledModel.NAME, json.getString("model"));
        assertEquals("square", json.getString("attack.attack"));
        assertEquals("linf", json.getString("attack.norm"), "the default norm is the threat model's");
        assertEquals(eps, json.getDouble("attack.epsilon"), TOLERANCE, "the default epsilon is the threat model's");
        assertEquals(300, json.getInt("attack.queries"));
        int used = json.getInt("queries_used");
        assertTrue(used >= 1 && used <= json.getInt("attack.max_queries_per_image"), "queries used: " + used);
        assertTrue(ClassifyResourceTest.labels().contains(json.getString("clean.label")));
        assertEquals(json.getInt("clean.class_index"), json.getInt("attacked_label.class_index"),
                "without a label the clean prediction is attacked");
        float alpha = json.getFloat("clean.alpha");
        assertTrue(alpha >= 0 && alpha <= 1, "alpha " + alpha);
        assertCertificate(json);
        if (json.getBoolean("found")) {
            assertAdversarial(json, eps);
        } else {
            assertNull(json.get("perturbation"));
            assertTrue(json.getFloat("best_margin") > 0);
        }
    }

    @Test
    void aLargeBallFindsAnExampleWhosePngsDecodeAndWhoseTensorClassifyConfirms() throws IOException {
        assumeTrue(distinctSamplePredictions() > 1, "the bundled model gives every sample the same class (the "
                + "random-weight placeholder), so no ball need hold an adversarial example");
        double eps = 0.5;
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(0))
                .queryParam("epsilon", eps).queryParam("queries", 1000).queryParam("seed", 3));
        assertTrue(json.getBoolean("found"), "an L-inf ball of radius 0.5 holds an adversarial example: "
                + json.getString("interpretation"));
        assertEquals("found", json.getString("status"));
        assertTrue(json.getString("interpretation").startsWith("adversarial example found in "
                + json.getInt("queries_used") + " queries"), json.getString("interpretation"));
        assertAdversarial(json, eps);
    }

    @Test
    void aTinyBallGivesAnUpperBoundInWords() {
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(2))
                .queryParam("epsilon", 1e-5).queryParam("queries", 40));
        assertFalse(json.getBoolean("found"), "no change of 1e-5 per pixel flips the prediction");
        assertEquals("not_found", json.getString("status"));
        assertEquals(42, json.getInt("queries_used"), "the clean pass, the start and 40 steps");
        assertTrue(json.getString("interpretation").startsWith("no adversarial example found in 42 queries: "
                + "an upper bound on robustness, not a proof"), json.getString("interpretation"));
        assertNull(json.get("adversarial"));
    }

    @Test
    void everyBodyFormProbesTheSameImageTheSameWay() {
        byte[] png = BundledModel.sample(5);
        Map<String, Object> raw = probe(given().contentType("image/png").body(png).queryParam("queries", 100)
                .queryParam("seed", 7)).getMap("");
        Map<String, Object> multipart = probe(given().multiPart("image", "5.png", png, "image/png")
                .queryParam("queries", 100).queryParam("seed", 7)).getMap("");
        Map<String, Object> base64 = probe(given().contentType("application/json").body(Map.of(
                "images", List.of(Base64.getEncoder().encodeToString(png)), "queries", 100, "seed", 7))).getMap("");
        Map<String, Object> tensor = probe(given().contentType("application/json").queryParam("queries", 100)
                .body(Map.of("tensor", Map.of("shape", List.of(1, 1, 28, 28), "data", Images.greyValues(png)),
                        "seed", 7))).getMap("");
        for (Map<String, Object> other : List.of(multipart, base64)) {
            for (String key : List.of("found", "status", "queries_used", "best_margin", "clean", "adversarial")) {
                assertEquals(raw.get(key), other.get(key), key + ": the same bytes, the same decoding");
            }
        }
        assertEquals(raw.get("status"), tensor.get("status"));
        Map<?, ?> rawClean = (Map<?, ?>) raw.get("clean");
        Map<?, ?> tensorClean = (Map<?, ?>) tensor.get("clean");
        assertEquals(rawClean.get("class_index"), tensorClean.get("class_index"));
        assertEquals(((Number) rawClean.get("margin")).doubleValue(), ((Number) tensorClean.get("margin"))
                .doubleValue(), 1e-4, "the tensor holds the decoded pixels up to float rounding");
    }

    @Test
    void l2ProbesStayInsideTheL2Ball() throws IOException {
        double eps = 3.0;
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(4))
                .queryParam("norm", "l2").queryParam("epsilon", eps).queryParam("queries", 500));
        assertEquals("l2", json.getString("attack.norm"));
        if (json.getBoolean("found")) {
            assertTrue(json.getDouble("perturbation.l2") <= eps + TOLERANCE, "L2 " + json.getDouble("perturbation.l2"));
            decodePng(json.getString("perturbation.heat_map_png"));
        }
    }

    @Test
    void theL2DefaultEpsilonIsTheThreatModelsL2Epsilon() {
        JsonPath info = given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(200)
                .extract().jsonPath();
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(1))
                .queryParam("norm", "l2").queryParam("queries", 5).queryParam("attack", "noise"));
        assertEquals(info.getDouble("threat_model.l2_epsilon"), json.getDouble("attack.epsilon"), TOLERANCE);
        assertEquals("noise", json.getString("attack.attack"));
    }

    @Test
    void aGivenLabelIsTheOneAttacked() {
        int label = 3;
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(3))
                .queryParam("label", label).queryParam("queries", 20));
        assertEquals(label, json.getInt("attacked_label.class_index"));
        if (json.getInt("clean.class_index") != label) {
            assertEquals("clean_misclassified", json.getString("status"));
            assertEquals(1, json.getInt("queries_used"), "a misclassified image is not attacked");
        }
    }

    /** How many different classes the model gives the sample images. */
    static long distinctSamplePredictions() throws IOException {
        RequestSpecification batch = given();
        for (var sample : BundledModel.samples()) {
            batch.multiPart("image", sample.getFileName().toString(), Files.readAllBytes(sample), "image/png");
        }
        return ClassifyResourceTest.post(batch).getList("predictions.class_index").stream().distinct().count();
    }

    @Test
    void probesAreCountedInTheMetrics() {
        String started = "mixguard_probe_started_total{attack=\"square-linf\",model=\"" + BundledModel.NAME + "\"";
        double before = metric(started);
        JsonPath json = probe(given().contentType("image/png").body(BundledModel.sample(6)).queryParam("queries", 5));
        String finished = "mixguard_probe_finished_total{attack=\"square-linf\",model=\"" + BundledModel.NAME
                + "\",outcome=\"" + json.getString("status") + "\"";
        assertEquals(before + 1, metric(started), 1e-9, started);
        assertTrue(metric(finished) >= 1, finished);
    }

    /** The value of the Prometheus sample whose line starts with {@code prefix}, 0 when absent. */
    static double metric(String prefix) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    static JsonPath probe(RequestSpecification request) {
        return request.when().post(PROBE).then().statusCode(200).extract().jsonPath();
    }

    static double threatEpsilon() {
        return given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(200)
                .extract().jsonPath().getDouble("threat_model.epsilon");
    }

    private static void assertAdversarial(JsonPath json, double eps) throws IOException {
        assertTrue(json.getDouble("perturbation.linf") <= eps + TOLERANCE, "L-inf " + json.get("perturbation.linf"));
        assertNotEquals(json.getInt("attacked_label.class_index"), json.getInt("adversarial.class_index"));
        assertTrue(json.getFloat("adversarial.margin") <= 0, "margin at the example " + json.get("adversarial.margin"));
        BufferedImage png = decodePng(json.getString("perturbation.adversarial_png"));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        decodePng(json.getString("perturbation.heat_map_png"));
        List<Float> data = json.getList("perturbation.adversarial_tensor.data", Float.class);
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i);
        }
        int classified = ClassifyResourceTest.post(given().contentType("application/json")
                .body(Map.of("tensor", Map.of("shape", List.of(1, 1, 28, 28), "data", values))))
                .getInt("predictions[0].class_index");
        assertEquals(json.getInt("adversarial.class_index"), classified,
                "classify agrees with the probe on the adversarial tensor");
    }

    private static void assertCertificate(JsonPath json) {
        float alphaLow = json.getFloat("certificate.alpha_low");
        float margin = json.getFloat("certificate.margin");
        if (alphaLow > 0) {
            assertEquals((1 - alphaLow) / alphaLow, json.getFloat("certificate.threshold"), 1e-5f);
            assertEquals(margin > json.getFloat("certificate.threshold"), json.getBoolean("certificate.holds"));
        }
        JsonPath info = given().when().get("/v1/models/" + BundledModel.NAME).then().extract().jsonPath();
        assertEquals(info.get("lipschitz") == null, json.get("certificate.lipschitz_radius") == null,
                "a Lipschitz radius exactly when the spec declares a constant");
    }

    static BufferedImage decodePng(String base64) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertNotNull(image, "a decodable PNG");
        assertEquals(28, image.getWidth());
        assertEquals(28, image.getHeight());
        return image;
    }
}
