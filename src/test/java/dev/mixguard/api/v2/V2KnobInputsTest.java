package dev.mixguard.api.v2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.api.classify.KnobOverridesTest;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With request overrides on, v2 lists the knob inputs and they reach the graph. */
@QuarkusTest
@TestProfile(KnobOverridesTest.OverridesEnabled.class)
class V2KnobInputsTest {

    private static final String MODEL = "/v2/models/" + BundledModel.NAME;

    @Test
    void metadataListsTheKnobInputs() {
        given().when().get(MODEL).then().statusCode(200);
        assertEquals(List.of("image", "gamma_bias", "alpha_low", "alpha_high"),
                given().when().get(MODEL).then().extract().jsonPath().getList("inputs.name"));
    }

    @Test
    void pinnedAlphaKnobsFixAlpha() {
        float alpha = infer(knob("alpha_low", List.of(1), 0.7f), knob("alpha_high", List.of(1), 0.7f))
                .then().statusCode(200).extract().jsonPath()
                .getFloat("outputs.find { it.name == 'alpha' }.data[0]");
        assertEquals(0.7f, alpha, 1e-5f);
    }

    @Test
    void badKnobInputsAre400() {
        infer(knob("alpha_low", List.of(1), 1.5f)).then().statusCode(400)
                .body("error", containsString("expected 0 <= alpha_low <= alpha_high <= 1, found alpha_low=1.5"));
        infer(knob("gamma_bias", List.of(2), 1f)).then().statusCode(400)
                .body("error", containsString("input \"gamma_bias\": expected FP32 of shape [1] with one value, "
                        + "found FP32 of shape [2] with 1 values"));
    }

    private static Map<String, Object> knob(String name, List<Integer> shape, float value) {
        return Map.of("name", name, "datatype", "FP32", "shape", shape, "data", List.of(value));
    }

    @SafeVarargs
    private static io.restassured.response.Response infer(Map<String, Object>... knobs) {
        List<Map<String, Object>> inputs = new ArrayList<>(List.of(Map.of("name", "image", "datatype", "FP32",
                "shape", List.of(1, 1, 28, 28), "data", Images.greyValues(BundledModel.sample(3)))));
        inputs.addAll(List.of(knobs));
        RequestSpecification request = given().contentType("application/json").body(Map.of("inputs", inputs));
        return request.when().post(MODEL + "/infer");
    }
}
