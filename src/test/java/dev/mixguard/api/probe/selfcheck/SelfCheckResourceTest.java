package dev.mixguard.api.probe.selfcheck;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine self-check over HTTP on the bundled model: the load-time parity check in the model's metadata and
 * readiness, and the self-check route agreeing with the clean count recorded in probe-set.json.
 */
@QuarkusTest
public class SelfCheckResourceTest {

    /** The bundled model's self-check route. */
    public static final String SELF_CHECK = "/v1/models/" + BundledModel.NAME + "/self-check";

    private static final String MODELS = "checks.find { it.name == 'models' }.data";
    private static final List<String> OUTPUTS = List.of("log_probs", "alpha", "std_logits", "rob_logits");

    @Test
    void modelMetadataAndReadinessReportTheParityCheckOfEachOutput() {
        JsonPath info = given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(200)
                .body("self_check.provider", equalTo("cpu"))
                .body("self_check.vectors", equalTo(BundledModel.json("parity.json").get("shape").get(0).asInt()))
                .body("self_check.tolerance", equalTo(1e-4f))
                .body("self_check.tolerance_key", equalTo("mixguard.inference.self-check.tolerance.cpu"))
                .body("self_check.passed", equalTo(true))
                .extract().jsonPath();
        assertEquals(OUTPUTS, List.copyOf(info.getMap("self_check.outputs").keySet()));
        for (String output : OUTPUTS) {
            float abs = info.getFloat("self_check.outputs." + output + ".max_abs_error");
            float rel = info.getFloat("self_check.outputs." + output + ".max_rel_error");
            assertTrue(rel <= abs && rel <= 1e-4f, output + ": abs " + abs + ", rel " + rel);
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(MODELS + ".'fashion-mnist.self-check'", startsWith("passed on cpu: largest error "))
                .body(MODELS + ".'fashion-mnist.self-check.log_probs'", startsWith("max abs error "));
    }

    @Test
    void theBundledProbeSetAgreesWithTheCountRecordedWhenTheModelWasPackaged() {
        JsonNode recorded = BundledModel.json("probe-set.json");
        int count = recorded.get("count").asInt();
        int correct = recorded.get("pytorch_correct").asInt();
        given().when().get(SELF_CHECK).then().statusCode(200)
                .body("model", equalTo(BundledModel.NAME))
                .body("provider", equalTo("cpu"))
                .body("agreement", equalTo("agree"))
                .body("summary", equalTo("agree: classified " + correct + " of the " + count + " probe-set images "
                        + "correctly on cpu; PyTorch did " + correct + " when the model was packaged"))
                .body("probe_set.images", equalTo(count))
                .body("probe_set.recorded_correct", equalTo(correct))
                .body("probe_set.served_correct", equalTo(correct))
                .body("probe_set.served_accuracy", equalTo((float) correct / count))
                .body("probe_set.predictions_unlike_recorded", equalTo(0))
                .body("probe_set.knobs.gamma_bias", equalTo(recorded.get("knobs").get("gamma_bias").floatValue()))
                .body("parity.passed", equalTo(true))
                .body("parity.outputs.log_probs.max_rel_error", lessThanOrEqualTo(1e-4f));
    }

    @Test
    void unknownModelIs404AndTheRouteIsDocumented() {
        given().when().get("/v1/models/nope/self-check").then().statusCode(404)
                .body("error", equalTo("expected a model name among [fashion-mnist], found \"nope\""));
        String openapi = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertTrue(openapi.contains("/v1/models/{name}/self-check"), "self-check route documented");
    }
}
