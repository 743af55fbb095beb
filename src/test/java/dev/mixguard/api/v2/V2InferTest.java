package dev.mixguard.api.v2;

import static dev.mixguard.api.v2.V2Calls.INFER;
import static dev.mixguard.api.v2.V2Calls.ONE_IMAGE;
import static dev.mixguard.api.v2.V2Calls.image;
import static dev.mixguard.api.v2.V2Calls.infer;
import static dev.mixguard.api.v2.V2Calls.output;
import static dev.mixguard.api.v2.V2Calls.request;
import static dev.mixguard.api.v2.V2Calls.sample;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /v2/models/{name}/infer: JSON tensors, UINT8 images, output selection, classification and binary data. */
@QuarkusTest
class V2InferTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void flatAndNestedDataGiveV1sPredictionForTheSameImage() {
        float[] pixels = sample(4);
        JsonPath flat = infer(Map.of("id", "req-7", "inputs", List.of(image(ONE_IMAGE, pixels))));
        assertEquals("req-7", flat.getString("id"));
        assertEquals(BundledModel.NAME, flat.getString("model_name"));
        assertEquals("1", flat.getString("model_version"));
        assertEquals(List.of("log_probs", "alpha", "std_logits", "rob_logits"), flat.getList("outputs.name"),
                "every output when none is named");
        assertEquals(List.of(1, 10), flat.getList("outputs[0].shape"));
        assertEquals(List.of(1), flat.getList("outputs[1].shape"));
        JsonPath nested = infer(request(image(ONE_IMAGE, nest(pixels))));
        assertEquals(output(flat, "log_probs"), output(nested, "log_probs"));
        JsonPath v1 = given().contentType("image/png").body(BundledModel.sample(4)).queryParam("top_k", 1)
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200)
                .extract().jsonPath();
        List<Float> logProbs = output(flat, "log_probs");
        int best = argmax(logProbs);
        assertEquals(v1.getInt("predictions[0].class_index"), best);
        assertEquals(v1.getFloat("predictions[0].probability"), (float) Math.exp(logProbs.get(best)), TOLERANCE);
        assertEquals(v1.getFloat("predictions[0].alpha"), output(flat, "alpha").get(0), TOLERANCE);
    }

    @Test
    void aJsonAnswerNamesItsCharset() {
        Response response = given().contentType("application/json")
                .body(Map.of("inputs", List.of(image(ONE_IMAGE, sample(1))))).when().post(INFER);
        assertEquals(200, response.statusCode());
        assertEquals("application/json;charset=UTF-8", response.header("Content-Type"));
    }

    @Test
    void uint8PixelsAreScaledToTheUnitRange() {
        float[] pixels = sample(2);
        int[] bytes = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = Math.round(pixels[i] * 255f);
        }
        JsonPath fp32 = infer(request(image(ONE_IMAGE, pixels)));
        JsonPath uint8 = infer(request(V2Calls.input("image", "UINT8", ONE_IMAGE, bytes)));
        assertClose(output(fp32, "log_probs"), output(uint8, "log_probs"));
        assertClose(output(fp32, "alpha"), output(uint8, "alpha"));
    }

    @Test
    void aBatchAnswersEachImageInOrder() {
        List<Float> batch = new ArrayList<>();
        float[] values = new float[3 * 784];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(sample(i), 0, values, i * 784, 784);
        }
        JsonPath json = infer(request(image(List.of(3, 1, 28, 28), values)));
        assertEquals(List.of(3, 10), json.getList("outputs[0].shape"));
        for (int i = 0; i < 3; i++) {
            batch.addAll(output(infer(request(image(ONE_IMAGE, sample(i)))), "log_probs"));
        }
        assertClose(batch, output(json, "log_probs"));
    }

    @Test
    void outputsAreSelectedByName() {
        JsonPath json = infer(Map.of("inputs", List.of(image(ONE_IMAGE, sample(1))),
                "outputs", List.of(Map.of("name", "alpha"), Map.of("name", "rob_logits"))));
        assertEquals(List.of("alpha", "rob_logits"), json.getList("outputs.name"));
    }

    @Test
    void classificationGivesValueIndexLabelStrings() throws IOException {
        List<String> labels = Files.readAllLines(BundledModel.FOLDER.resolve("labels.txt"));
        JsonPath raw = infer(request(image(ONE_IMAGE, sample(3))));
        JsonPath json = infer(Map.of("inputs", List.of(image(ONE_IMAGE, sample(3))),
                "outputs", List.of(Map.of("name", "log_probs", "parameters", Map.of("classification", 3)))));
        assertEquals("BYTES", json.getString("outputs[0].datatype"));
        assertEquals(List.of(1, 3), json.getList("outputs[0].shape"));
        List<Float> logProbs = output(raw, "log_probs");
        float previous = Float.POSITIVE_INFINITY;
        for (String entry : json.getList("outputs[0].data", String.class)) {
            String[] parts = entry.split(":", 3);
            int index = Integer.parseInt(parts[1]);
            float value = Float.parseFloat(parts[0]);
            assertEquals(logProbs.get(index), value, 1e-6f, entry);
            assertEquals(labels.get(index), parts[2], entry);
            assertEquals(true, value <= previous, "sorted by value: " + entry);
            previous = value;
        }
        assertEquals(argmax(logProbs), Integer.parseInt(json.getString("outputs[0].data[0]").split(":")[1]));
    }

    @Test
    void binaryTensorsTravelAfterTheJsonHeader() {
        float[] pixels = sample(5);
        JsonPath reference = infer(request(image(ONE_IMAGE, pixels)));
        Map<String, Object> binaryImage = V2Calls.input("image", "FP32", ONE_IMAGE, null);
        binaryImage.put("parameters", Map.of("binary_data_size", pixels.length * 4));
        BinaryTensors.Body body = BinaryTensors.body(Map.of("inputs", List.of(binaryImage),
                "outputs", List.of(Map.of("name", "log_probs", "parameters", Map.of("binary_data", true)),
                        Map.of("name", "alpha"),
                        Map.of("name", "std_logits", "parameters", Map.of("classification", 2, "binary_data", true)))),
                BinaryTensors.floats(pixels));
        Response response = given().contentType("application/octet-stream")
                .header("Inference-Header-Content-Length", body.headerLength()).body(body.bytes()).when().post(INFER);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("application/octet-stream", response.contentType());
        BinaryTensors.Answer answer = BinaryTensors.answer(response.asByteArray(),
                Integer.parseInt(response.header("Inference-Header-Content-Length")));
        assertEquals(40, answer.header().at("/outputs/0/parameters/binary_data_size").asInt());
        assertEquals(true, answer.header().at("/outputs/0/data").isMissingNode(), "binary outputs carry no data");
        assertClose(output(reference, "log_probs"), toList(answer.floats("log_probs")));
        assertEquals(output(reference, "alpha").get(0), (float) answer.header().at("/outputs/1/data/0").asDouble(),
                TOLERANCE, "an output without binary_data stays in the JSON");
        List<String> classes = answer.strings("std_logits");
        assertEquals(2, classes.size());
        assertEquals(argmax(output(reference, "std_logits")), Integer.parseInt(classes.get(0).split(":")[1]));
    }

    @Test
    void binaryUint8ImagesAndTheVersionedRouteWork() {
        float[] pixels = sample(6);
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) Math.round(pixels[i] * 255f);
        }
        Map<String, Object> binaryImage = V2Calls.input("image", "UINT8", ONE_IMAGE, null);
        binaryImage.put("parameters", Map.of("binary_data_size", bytes.length));
        BinaryTensors.Body body = BinaryTensors.body(Map.of("inputs", List.of(binaryImage)), bytes);
        JsonPath json = given().contentType("application/octet-stream")
                .header("Inference-Header-Content-Length", body.headerLength()).body(body.bytes())
                .when().post(V2Calls.MODEL + "/versions/1/infer").then().statusCode(200).extract().jsonPath();
        assertClose(output(infer(request(image(ONE_IMAGE, pixels))), "log_probs"), output(json, "log_probs"));
    }

    private static Object nest(float[] flat) {
        List<List<Float>> rows = new ArrayList<>();
        for (int y = 0; y < 28; y++) {
            List<Float> row = new ArrayList<>();
            for (int x = 0; x < 28; x++) {
                row.add(flat[y * 28 + x]);
            }
            rows.add(row);
        }
        return List.of(List.of(rows));
    }

    private static int argmax(List<Float> values) {
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            best = values.get(i) > values.get(best) ? i : best;
        }
        return best;
    }

    private static List<Float> toList(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }

    private static void assertClose(List<Float> expected, List<Float> actual) {
        assertEquals(expected.size(), actual.size());
        float[] e = new float[expected.size()];
        float[] a = new float[actual.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected.get(i);
            a[i] = actual.get(i);
        }
        assertArrayEquals(e, a, TOLERANCE);
    }
}
