package dev.mixguard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.mixguard.inference.HeldOpener;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * While a model is still loading in the background the HTTP server answers: liveness and start-up UP,
 * readiness DOWN saying which model is doing what since when, classify 503; once loading ends, readiness UP.
 */
@QuarkusTest
@TestProfile(SlowLoadReadinessTest.HeldLoading.class)
class SlowLoadReadinessTest {

    /** The data of the readiness check named "models", wherever it is in the list. */
    private static final String MODELS = "checks.find { it.name == 'models' }.data";

    /** Holds model loading until the test releases it, and opens HTTP without waiting for the models. */
    public static class HeldLoading implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HeldOpener.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.models.startup-wait", "0s");
        }
    }

    @Test
    void readinessIsDownWhileTheModelLoadsAndUpOnceItIsReady() throws InterruptedException {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(MODELS + ".reason", containsString("model fashion-mnist: loading, started "))
                .body(MODELS + ".reason", containsString(" s ago"))
                .body(MODELS + ".fashion-mnist", equalTo("loading"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
        given().when().get("/v1/models").then().statusCode(200)
                .body("models[0].status", equalTo("loading"));
        given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(503)
                .body("error", containsString("expected ready, found loading (loading)"));

        HeldOpener.RELEASE.countDown();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (given().when().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(MODELS + ".fashion-mnist", equalTo("ready on cpu"));
        given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200);
    }
}
