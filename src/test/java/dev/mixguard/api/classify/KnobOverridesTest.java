package dev.mixguard.api.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With request overrides enabled, the knobs reach the graph: alpha follows them and the certificate uses them. */
@QuarkusTest
@TestProfile(KnobOverridesTest.OverridesEnabled.class)
public class KnobOverridesTest {

    /** Allows per-request knobs and sets an operator default for alpha_low. */
    public static class OverridesEnabled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.knobs.request-overrides", "true",
                    "mixguard.knobs.model.\"fashion-mnist\".alpha-low", "0.65");
        }
    }

    @Test
    void operatorDefaultReplacesTheSpecsKnob() {
        JsonPath info = given().when().get("/v1/models/" + BundledModel.NAME).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0.65f, info.getFloat("knobs.alpha_low"), 1e-6f);
        assertEquals(true, info.getBoolean("request_overrides"));
        JsonPath json = classify(Map.of());
        assertEquals(0.65f, json.getFloat("knobs.alpha_low"), 1e-6f);
        ClassifyResourceTest.assertCertificate(json, 0, 0.65f);
    }

    @Test
    void pinningAlphaLowAndHighFixesAlpha() {
        JsonPath json = classify(Map.of("alpha_low", 0.7f, "alpha_high", 0.7f));
        assertEquals(0.7f, json.getFloat("predictions[0].alpha"), 1e-5f);
        ClassifyResourceTest.assertCertificate(json, 0, 0.7f);
        JsonPath robustOnly = classify(Map.of("alpha_low", 1f, "alpha_high", 1f));
        assertEquals(1f, robustOnly.getFloat("predictions[0].alpha"), 1e-5f);
        assertEquals(robustOnly.getString("predictions[0].robust.label"), robustOnly.getString("predictions[0].label"),
                "alpha = 1 serves the robust model alone");
        JsonPath standardOnly = classify(Map.of("alpha_low", 0f, "alpha_high", 0f));
        assertEquals(standardOnly.getString("predictions[0].standard.label"),
                standardOnly.getString("predictions[0].label"), "alpha = 0 serves the standard model alone");
    }

    @Test
    void raisingGammaBiasRaisesAlpha() {
        float low = classify(Map.of("gamma_bias", -3f, "alpha_low", 0f)).getFloat("predictions[0].alpha");
        float high = classify(Map.of("gamma_bias", 3f, "alpha_low", 0f)).getFloat("predictions[0].alpha");
        assertTrue(high > low, "alpha with gamma_bias 3 (" + high + ") above alpha with -3 (" + low + ")");
    }

    @Test
    void invalidKnobValuesAre400() {
        given().contentType("image/png").body(BundledModel.sample(3)).queryParam("alpha_low", 1.5f)
                .when().post(ClassifyResourceTest.CLASSIFY).then().statusCode(400)
                .body("error", containsString(
                        "expected 0 <= alpha_low <= alpha_high <= 1, found alpha_low=1.5"));
    }

    private static JsonPath classify(Map<String, Float> knobs) {
        var request = given().contentType("image/png").body(BundledModel.sample(3));
        knobs.forEach(request::queryParam);
        return ClassifyResourceTest.post(request);
    }
}
