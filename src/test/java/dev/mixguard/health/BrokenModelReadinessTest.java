package dev.mixguard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ModelFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a broken model folder and fail-on-error off, the service starts but readiness is DOWN and says why. */
@QuarkusTest
@TestProfile(BrokenModelReadinessTest.BrokenModelFolder.class)
class BrokenModelReadinessTest {

    /** The data of the readiness check named "models", wherever it is in the list. */
    private static final String MODELS = "checks.find { it.name == 'models' }.data";
    /** The absolute folder the models folder lies in, which no answer may show. */
    private static final String ABSOLUTE_TARGET = Path.of("target").toAbsolutePath().toString();

    /** A models folder holding the bundled model and a folder whose model.onnx is not ONNX. */
    public static class BrokenModelFolder implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broken-models");
                ModelFolders.copy(dir, BundledModel.NAME, ModelFolders.Edit.NONE);
                ModelFolders.withBytes(dir, "broken", "this is not ONNX".getBytes(StandardCharsets.UTF_8));
                return Map.of("mixguard.models.dir", dir.toString(), "mixguard.models.fail-on-error", "false");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void readinessIsDownNamingTheBrokenFileWhileLivenessStaysUp() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(MODELS + ".reason", containsString("broken/model.onnx: expected a valid ONNX model"))
                .body(MODELS + ".reason", not(containsString(ABSOLUTE_TARGET)))
                .body(MODELS + ".broken", equalTo("failed"))
                .body(MODELS + ".fashion-mnist", equalTo("ready on cpu"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void brokenModelIsListedWithItsErrorAndAnswers503WhileTheOtherServes() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("models.find { it.name == 'broken' }.status", equalTo("failed"))
                .body("models.find { it.name == 'broken' }.error", containsString("expected a valid ONNX model"))
                .body("models.find { it.name == 'broken' }.error", not(containsString(ABSOLUTE_TARGET)));
        given().contentType("image/png").body(BundledModel.sample(0)).when().post("/v1/models/broken/classify")
                .then().statusCode(503).body("error", containsString("model \"broken\": expected ready, found failed"));
        given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200);
    }
}
