package dev.mixguard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With one broken model, v2 readiness is 503 exactly when /q/health/ready is, and the broken model answers 503. */
@QuarkusTest
@TestProfile(BrokenModelReadinessTest.BrokenModelFolder.class)
class V2ReadinessTest {

    @Test
    void serverReadinessIs503LikeQuarkusHealthAndSaysWhy() {
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/v2/health/ready").then().statusCode(503)
                .body("error", containsString("expected ready, found DOWN: models ("))
                .body("error", containsString("broken"));
        given().when().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
    }

    @Test
    void aFailedModelIs503OnItsV2RoutesWhileTheOtherIsReady() {
        String expected = "model \"broken\": expected ready, found failed";
        given().when().get("/v2/models/broken/ready").then().statusCode(503).body("error", containsString(expected));
        given().when().get("/v2/models/broken").then().statusCode(503).body("error", containsString(expected));
        given().contentType("application/json").body(Map.of("inputs", List.of(Map.of("name", "image",
                "datatype", "FP32", "shape", List.of(1, 1, 28, 28), "data", new float[784]))))
                .when().post("/v2/models/broken/infer").then().statusCode(503)
                .body("error", containsString(expected));
        given().when().get("/v2/models/" + BundledModel.NAME + "/ready").then().statusCode(200);
    }
}
