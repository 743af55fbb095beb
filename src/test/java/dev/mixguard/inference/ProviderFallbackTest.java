package dev.mixguard.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configured for cuda,cpu on a machine without CUDA, the service ends on CPU and reports why CUDA was skipped. */
@QuarkusTest
@TestProfile(ProviderFallbackTest.CudaThenCpu.class)
class ProviderFallbackTest {

    /** The data of the readiness check named "models", wherever it is in the list. */
    private static final String MODELS = "checks.find { it.name == 'models' }.data";

    /** Prefers CUDA, then CPU. */
    public static class CudaThenCpu implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.inference.providers", "cuda,cpu");
        }
    }

    @Test
    void cudaIsSkippedWithItsReasonAndCpuServes() {
        given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(200)
                .body("provider", equalTo("cpu"))
                .body("skipped_providers", hasSize(1))
                .body("skipped_providers[0].provider", equalTo("cuda"))
                .body("skipped_providers[0].reason", containsString("CUDA"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(MODELS + ".fashion-mnist", equalTo("ready on cpu"))
                .body(MODELS + ".'fashion-mnist.skipped'", containsString("cuda: "));
        given().contentType("image/png").body(BundledModel.sample(2))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200)
                .body("provider", equalTo("cpu"));
    }
}
