package dev.mixguard.api.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ErrorBodies;
import dev.mixguard.support.Idx;
import dev.mixguard.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public routes the console shows images from: a model's bundled samples and its probe-set images. */
@QuarkusTest
class ModelFilesTest {

    static final String MODEL = "/v1/models/" + BundledModel.NAME;

    @Test
    void samplesAreListedInFileOrderAndServedAsStored() {
        List<String> files = BundledModel.samples().stream().map(p -> p.getFileName().toString()).toList();
        given().when().get(MODEL + "/samples").then().statusCode(200)
                .body("model", equalTo(BundledModel.NAME))
                .body("samples.file", equalTo(files))
                .body("samples[0].url", equalTo(MODEL + "/samples/" + files.get(0)));
        byte[] served = given().when().get(MODEL + "/samples/" + files.get(3)).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(BundledModel.sample(3), served);
    }

    @Test
    void onlyListedSamplesAreServed() {
        ErrorBodies.assertErrorBody(given().when().get(MODEL + "/samples/model.onnx"), 404,
                "expected one of its samples [0-ankle-boot.png");
        ErrorBodies.assertErrorBody(given().urlEncodingEnabled(false).when().get(MODEL + "/samples/..%2Fmodel.onnx"),
                404, "found \"../model.onnx\"");
        ErrorBodies.assertErrorBody(given().when().get("/v1/models/nope/samples"), 404, "nope");
    }

    @Test
    void probeSetImagesAreThePixelsOfTheBundledIdxFile() {
        Idx.Images idx = Idx.images(BundledModel.FOLDER.resolve("probe-images.idx"));
        given().when().get(MODEL + "/probe-set").then().statusCode(200).body("images", equalTo(idx.count()));
        byte[] png = given().when().get(MODEL + "/probe-set/7").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        float[] values = Images.greyValues(png);
        assertEquals(idx.rows() * idx.cols(), values.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals((idx.pixels()[7][i] & 0xff) / 255f, values[i], 1e-6f, "pixel " + i);
        }
    }

    @Test
    void aProbeSetIndexOutOfRangeOrNotANumberIsAnError() {
        ErrorBodies.assertErrorBody(given().when().get(MODEL + "/probe-set/1000"), 404,
                "index: expected 0 to 999 (the probe set of \"fashion-mnist\" holds 1000 images), found 1000");
        ErrorBodies.assertErrorBody(given().when().get(MODEL + "/probe-set/-1"), 404, "found -1");
        ErrorBodies.assertErrorBody(given().when().get(MODEL + "/probe-set/x"), 400,
                "index: expected an integer, found \"x\"");
    }
}
