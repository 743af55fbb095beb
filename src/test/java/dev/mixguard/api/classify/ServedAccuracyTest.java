package dev.mixguard.api.classify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Idx;
import dev.mixguard.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed probe set, sent as PNGs over HTTP, scores exactly what the PyTorch model scored on it. */
@QuarkusTest
class ServedAccuracyTest {

    private static final int BATCH = 64;

    @Test
    void servedAccuracyOnTheProbeSetEqualsPyTorchs() {
        Idx.Images images = Idx.images(BundledModel.FOLDER.resolve("probe-images.idx"));
        int[] labels = Idx.labels(BundledModel.FOLDER.resolve("probe-labels.idx"));
        JsonNode recorded = BundledModel.json("probe-set.json");
        assertEquals(recorded.get("count").asInt(), images.count());
        assertEquals(images.count(), labels.length);

        List<Integer> served = new ArrayList<>(images.count());
        for (int start = 0; start < images.count(); start += BATCH) {
            RequestSpecification request = given();
            for (int i = start; i < Math.min(start + BATCH, images.count()); i++) {
                byte[] png = Images.png(Images.grey(images.cols(), images.rows(), images.pixels()[i]));
                request.multiPart("image", i + ".png", png, "image/png");
            }
            served.addAll(request.when().post(ClassifyResourceTest.CLASSIFY).then().statusCode(200)
                    .extract().jsonPath().getList("predictions.class_index", Integer.class));
        }

        int correct = 0;
        List<Integer> disagreements = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            correct += served.get(i) == labels[i] ? 1 : 0;
            if (served.get(i) != recorded.get("pytorch_predictions").get(i).asInt()) {
                disagreements.add(i);
            }
        }
        assertEquals(recorded.get("pytorch_correct").asInt(), correct,
                "images where the service and PyTorch disagree: " + disagreements);
    }
}
