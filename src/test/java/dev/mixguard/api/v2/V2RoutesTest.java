package dev.mixguard.api.v2;

import static dev.mixguard.api.v2.V2Calls.MODEL;
import static dev.mixguard.api.v2.V2Calls.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe v2 server and model routes: metadata, liveness, readiness, versions, and 404 for unknown names. */
@QuarkusTest
class V2RoutesTest {

    @Test
    void serverMetadataNamesTheExtensions() {
        given().when().get("/v2").then().statusCode(200).body("name", equalTo("mixguard"))
                .body("extensions", equalTo(List.of("classification", "binary_tensor_data")));
    }

    @Test
    void serverLivenessAndReadinessAgreeWithQuarkusHealth() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
    }

    @Test
    void modelMetadataDescribesTheTensors() {
        for (String path : List.of(MODEL, MODEL + "/versions/1")) {
            JsonPath json = given().when().get(path).then().statusCode(200).extract().jsonPath();
            assertEquals(BundledModel.NAME, json.getString("name"), path);
            assertEquals(List.of("1"), json.getList("versions"), path);
            assertEquals("onnxruntime_onnx", json.getString("platform"), path);
            assertEquals(List.of(Map.of("name", "image", "datatype", "FP32", "shape", List.of(-1, 1, 28, 28))),
                    json.getList("inputs"), "knob inputs are not listed while overrides are off");
            assertEquals(List.of("log_probs", "alpha", "std_logits", "rob_logits"), json.getList("outputs.name"));
            assertEquals(List.of(-1, 10), json.getList("outputs[0].shape"));
            assertEquals(List.of(-1), json.getList("outputs[1].shape"));
        }
    }

    @Test
    void modelReadinessIs200WhenReady() {
        for (String path : List.of(MODEL + "/ready", MODEL + "/versions/1/ready")) {
            given().when().get(path).then().statusCode(200).body("ready", equalTo(true))
                    .body("name", equalTo(BundledModel.NAME));
        }
    }

    @Test
    void unknownModelIs404OnEveryModelRoute() {
        String expected = "expected a model name among [" + BundledModel.NAME + "], found \"nope\"";
        assertError(given().when().get("/v2/models/nope"), 404, expected);
        assertError(given().when().get("/v2/models/nope/versions/1"), 404, expected);
        assertError(given().when().get("/v2/models/nope/ready"), 404, expected);
        assertError(given().when().get("/v2/models/nope/versions/1/ready"), 404, expected);
        assertError(V2Calls.json().body(V2Calls.request(V2Calls.image(V2Calls.ONE_IMAGE, V2Calls.sample(0))))
                .when().post("/v2/models/nope/infer"), 404, expected);
    }

    @Test
    void unknownVersionIs404OnEveryVersionRoute() {
        String expected = "model \"" + BundledModel.NAME + "\": expected version among [1], found \"7\"";
        assertError(given().when().get(MODEL + "/versions/7"), 404, expected);
        assertError(given().when().get(MODEL + "/versions/7/ready"), 404, expected);
        assertError(V2Calls.json().body(V2Calls.request(V2Calls.image(V2Calls.ONE_IMAGE, V2Calls.sample(0))))
                .when().post(MODEL + "/versions/7/infer"), 404, expected);
    }

    @Test
    void unknownV2RouteIs404() {
        assertError(given().when().get("/v2/nothing"), 404, "expected a known route, found /v2/nothing");
    }
}
