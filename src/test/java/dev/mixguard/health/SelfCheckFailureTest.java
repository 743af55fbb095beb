package dev.mixguard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A self-check tolerance of 0 on CPU (no engine reproduces PyTorch bit for bit) fails the bundled model: with
 * the default fail-on-error the service keeps running (a restart would give the same answers), readiness is DOWN
 * naming the errors, and the model answers 503 saying why.
 */
@QuarkusTest
@TestProfile(SelfCheckFailureTest.ZeroTolerance.class)
class SelfCheckFailureTest {

    private static final String MODELS = "checks.find { it.name == 'models' }.data";
    private static final String WHY = "fashion-mnist/model.onnx: self-check failed on cpu: expected every output of "
            + "the 32 parity vectors within 0.0e+00 (mixguard.inference.self-check.tolerance.cpu), found log_probs ";

    /** CPU only, held to 0; fail-on-error stays at its default (true). */
    public static class ZeroTolerance implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.inference.providers", "cpu", "mixguard.inference.self-check.tolerance.cpu", "0");
        }
    }

    @Test
    void readinessIsDownWithTheParityErrorsAsTheReason() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(MODELS + ".fashion-mnist", equalTo("failed"))
                .body(MODELS + ".reason", containsString(WHY))
                .body(MODELS + ".reason", containsString("on-failure=fallback would try the next provider instead"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theModelIsListedAsFailedAndItsRoutesAnswer503SayingWhy() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("models[0].status", equalTo("failed"))
                .body("models[0].error", containsString(WHY));
        given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(503)
                .body("error", containsString("expected ready, found failed: " + WHY));
        given().when().get("/v1/models/" + BundledModel.NAME + "/self-check").then().statusCode(503)
                .body("error", containsString(WHY));
        given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(503);
    }
}
