package dev.mixguard.api;

import static dev.mixguard.support.ErrorBodies.assertErrorBody;
import static io.restassured.RestAssured.given;

import dev.mixguard.api.classify.ClassifyResourceTest;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Every bad request gets its status and a JSON body naming what was expected and what was found. */
@QuarkusTest
class ErrorResponsesTest {

    private static final String CLASSIFY = ClassifyResourceTest.CLASSIFY;

    @Test
    void undecodableImageIs400() {
        assertError(400, "image: expected a PNG or JPEG image, found unrecognised data",
                given().contentType("image/png").body("definitely not a png".getBytes()));
        byte[] png = BundledModel.sample(0);
        byte[] truncated = Arrays.copyOf(png, 60);
        assertError(400, "image 1 (\"b.png\"): expected a decodable PNG or JPEG image, found corrupt data",
                given().multiPart("image", "a.png", png, "image/png").multiPart("image", "b.png", truncated,
                        "image/png"));
        assertError(400, "images[0]: expected base64, found invalid text",
                given().contentType("application/json").body(Map.of("images", List.of("%%%"))));
    }

    @Test
    void wrongTensorShapeOrValuesIs400() {
        assertError(400, "tensor: expected shape [N,1,28,28] with N >= 1, found [1,3,28,28]", tensor(List.of(1, 3, 28, 28),
                new float[3 * 784]));
        assertError(400, "tensor: expected 1568 values for shape [2,1,28,28], found 784",
                tensor(List.of(2, 1, 28, 28), new float[784]));
        float[] scaled = new float[784];
        scaled[5] = 255f;
        assertError(400, "tensor: expected values in [0, 1], found 255.0 at index 5",
                tensor(List.of(1, 1, 28, 28), scaled));
    }

    @Test
    void badJsonOrRequestShapeIs400() {
        assertError(400, "expected JSON {\"images\": [base64, ...]} or {\"tensor\"",
                given().contentType("application/json").body("{\"images\": [\"abc\""));
        assertError(400, "expected a JSON object with either \"images\" or \"tensor\", found both",
                given().contentType("application/json").body(Map.of("images", List.of("x"),
                        "tensor", Map.of("shape", List.of(1, 1, 28, 28), "data", new float[784]))));
        assertError(400, "expected only parts named \"image\", found [picture]",
                given().multiPart("picture", "a.png", BundledModel.sample(0), "image/png"));
        assertError(400, "expected at least one image, found none",
                given().contentType("application/json").body(Map.of("images", List.of())));
    }

    @Test
    void badParametersAre400() {
        assertError(400, "top_k: expected 1 to 10, found 0",
                given().contentType("image/png").body(BundledModel.sample(0)).queryParam("top_k", 0));
        assertError(400, "top_k: expected 1 to 10, found 11",
                given().contentType("image/png").body(BundledModel.sample(0)).queryParam("top_k", 11));
        assertError(400, "expected no knob overrides (mixguard.knobs.request-overrides is false), found alpha_low",
                given().contentType("image/png").body(BundledModel.sample(0)).queryParam("alpha_low", 0.9));
    }

    @Test
    void unknownModelOrRouteIs404() {
        Response response = given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/no-such-model/classify");
        assertErrorBody(response, 404, "expected a model name among [fashion-mnist], found \"no-such-model\"");
        assertErrorBody(given().when().get("/v1/models/no-such-model"), 404, "found \"no-such-model\"");
        assertErrorBody(given().when().get("/v1/nothing-here"), 404, "expected a known route, found /v1/nothing-here");
    }

    @Test
    void bodyOverTheSizeLimitIs413BeforeItIsRead() {
        byte[] large = new byte[10 * 1024 * 1024 + 1];
        assertError(413, "expected a body of at most 10485760 bytes (quarkus.http.limits.max-body-size), "
                + "found Content-Length 10485761", given().contentType("image/png").body(large));
    }

    @Test
    void tooManyImagesOrTooManyPixelsIs413() {
        RequestSpecification batch = given();
        for (int i = 0; i < 65; i++) {
            batch.multiPart("image", i + ".png", BundledModel.sample(0), "image/png");
        }
        assertError(413, "expected at most 64 images per request (mixguard.limits.max-batch), found 65", batch);
        assertError(413, "image: expected at most 4194304 decoded pixels (mixguard.limits.max-pixels), "
                + "found 60000x60000 = 3600000000", given().contentType("image/png").body(pngHeader(60_000, 60_000)));
    }

    @Test
    void unsupportedMediaTypeIs415() {
        assertError(415, "expected Content-Type image/png, image/jpeg, multipart/form-data or application/json, "
                + "found text/plain", given().contentType("text/plain").body("hello"));
        assertError(415, "found image/gif", given().contentType("image/gif").body(new byte[] {1, 2, 3}));
    }

    private static RequestSpecification tensor(List<Integer> shape, float[] data) {
        return given().contentType("application/json").body(Map.of("tensor", Map.of("shape", shape, "data", data)));
    }

    private static void assertError(int status, String expected, RequestSpecification request) {
        assertErrorBody(request.when().post(CLASSIFY), status, expected);
    }

    /** A PNG signature and IHDR chunk declaring a grey image of the given size, with no pixel data. */
    private static byte[] pngHeader(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put(new byte[] {8, 0, 0, 0, 0}).array();
        CRC32 crc = new CRC32();
        crc.update(ihdr);
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr).putInt((int) crc.getValue()).array();
    }
}
