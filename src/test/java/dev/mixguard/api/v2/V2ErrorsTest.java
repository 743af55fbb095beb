package dev.mixguard.api.v2;

import static dev.mixguard.api.v2.V2Calls.INFER;
import static dev.mixguard.api.v2.V2Calls.ONE_IMAGE;
import static dev.mixguard.api.v2.V2Calls.assertError;
import static dev.mixguard.api.v2.V2Calls.assertInferError;
import static dev.mixguard.api.v2.V2Calls.image;
import static dev.mixguard.api.v2.V2Calls.input;
import static dev.mixguard.api.v2.V2Calls.request;
import static dev.mixguard.api.v2.V2Calls.sample;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every malformed v2 infer request gets 400 and Triton's {@code {"error": "..."}} naming what was expected. */
@QuarkusTest
class V2ErrorsTest {

    @Test
    void malformedJsonIs400() {
        assertError(V2Calls.json().body("{\"inputs\": [").when().post(INFER), 400,
                "found: Unexpected end-of-input");
        assertInferError(400, "expected a JSON object with \"inputs\", found no inputs", Map.of("id", "x"));
        assertInferError(400, "expected a KServe v2 infer request, found: expected numbers in \"data\" (FP32 or UINT8),"
                + " found VALUE_STRING at element 0 at $.inputs[0].data",
                request(image(ONE_IMAGE, List.of("a", "b"))));
        assertInferError(400, "expected every input to have \"name\", \"shape\" and \"datatype\"",
                Map.of("inputs", List.of(Map.of("name", "image", "data", List.of(1)))));
    }

    @Test
    void wrongShapeOrCountIs400() {
        assertInferError(400, "input \"image\": expected shape [N,1,28,28] with N >= 1, found [1,784]",
                request(image(List.of(1, 784), sample(0))));
        assertInferError(400, "input \"image\": expected shape [N,1,28,28] with N >= 1, found [0,1,28,28]",
                request(image(List.of(0, 1, 28, 28), new float[0])));
        assertInferError(400, "input \"image\": expected 1568 values for shape [2,1,28,28], found 784",
                request(image(List.of(2, 1, 28, 28), sample(0))));
        assertInferError(400, "input \"image\": expected at most 64 images per request (mixguard.limits.max-batch), found 65",
                request(image(List.of(65, 1, 28, 28), new float[65 * 784])));
    }

    @Test
    void valuesOutOfRangeOrOfAnotherDatatypeAre400() {
        float[] scaled = sample(0);
        scaled[3] = 255f;
        assertInferError(400, "input \"image\": expected FP32 values in [0, 1] (send UINT8 for 0 to 255 pixels), "
                + "found 255.0 at index 3", request(image(ONE_IMAGE, scaled)));
        float[] fractional = new float[784];
        fractional[9] = 0.5f;
        assertInferError(400, "input \"image\": expected UINT8 values that are integers 0 to 255, found 0.5 at index 9",
                request(input("image", "UINT8", ONE_IMAGE, fractional)));
        assertInferError(400, "input \"image\": expected datatype FP32 or UINT8, found FP64",
                request(input("image", "FP64", ONE_IMAGE, sample(0))));
    }

    @Test
    void unknownMissingRepeatedOrKnobInputsAre400() {
        assertInferError(400, "expected inputs among [image], found \"pixels\"",
                request(image(ONE_IMAGE, sample(0)), input("pixels", "FP32", List.of(1), new float[] {0})));
        assertInferError(400, "expected no knob inputs (mixguard.knobs.request-overrides is false), found \"alpha_low\"",
                request(image(ONE_IMAGE, sample(0)), input("alpha_low", "FP32", List.of(1), new float[] {0.7f})));
        assertInferError(400, "expected each input once, found \"image\" twice",
                request(image(ONE_IMAGE, sample(0)), image(ONE_IMAGE, sample(1))));
    }

    @Test
    void unknownOutputsOrBadOutputParametersAre400() {
        assertInferError(400, "expected outputs among [log_probs, alpha, std_logits, rob_logits], found \"probs\"",
                Map.of("inputs", List.of(image(ONE_IMAGE, sample(0))), "outputs", List.of(Map.of("name", "probs"))));
        assertInferError(400, "output \"log_probs\": expected classification 1 to 10, found 11", withOutput(
                Map.of("name", "log_probs", "parameters", Map.of("classification", 11))));
        assertInferError(400, "output \"alpha\": expected classification on an output with one value per class, "
                + "found alpha with one value per image", withOutput(
                        Map.of("name", "alpha", "parameters", Map.of("classification", 1))));
        assertInferError(400, "output \"alpha\": expected parameter binary_data to be true or false, found \"yes\"",
                withOutput(Map.of("name", "alpha", "parameters", Map.of("binary_data", "yes"))));
    }

    @Test
    void inconsistentBinaryDataIs400() {
        Map<String, Object> binaryImage = input("image", "FP32", ONE_IMAGE, null);
        binaryImage.put("parameters", Map.of("binary_data_size", 784 * 4));
        BinaryTensors.Body shortBody = BinaryTensors.body(request(binaryImage), new byte[100]);
        assertError(given().contentType("application/octet-stream")
                .header("Inference-Header-Content-Length", shortBody.headerLength()).body(shortBody.bytes())
                .when().post(INFER), 400, "input \"image\": expected binary_data_size a multiple of 4 bytes and at "
                        + "most the 100 bytes left, found 3136");
        BinaryTensors.Body longBody = BinaryTensors.body(request(binaryImage), new byte[784 * 4 + 8]);
        assertError(given().contentType("application/octet-stream")
                .header("Inference-Header-Content-Length", longBody.headerLength()).body(longBody.bytes())
                .when().post(INFER), 400, "expected the binary inputs to use all 3144 bytes after the JSON header, "
                        + "found 8 left over");
        assertError(given().contentType("application/octet-stream")
                .header("Inference-Header-Content-Length", 99_999).body(shortBody.bytes())
                .when().post(INFER), 400, "Inference-Header-Content-Length: expected 1 to the body's");
        assertInferError(400, "input \"image\": expected \"data\" or the binary_data_size parameter, found neither",
                request(input("image", "FP32", ONE_IMAGE, null)));
    }

    private static Map<String, Object> withOutput(Map<String, Object> output) {
        return Map.of("inputs", List.of(image(ONE_IMAGE, sample(0))), "outputs", List.of(output));
    }
}
