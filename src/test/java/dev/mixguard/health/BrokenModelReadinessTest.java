package dev.mixguard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.inference.CrashingOpener;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Leaks;
import dev.mixguard.support.ModelFolders;
import dev.mixguard.support.SpecRewrite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * With a broken model folder and fail-on-error off, the service starts but readiness is DOWN and says why; no
 * answer anyone may ask for names a failed model's absolute path or a Java type.
 */
@QuarkusTest
@TestProfile(BrokenModelReadinessTest.BrokenModelFolder.class)
class BrokenModelReadinessTest {

    /** The data of the readiness check named "models", wherever it is in the list. */
    private static final String MODELS = "checks.find { it.name == 'models' }.data";
    /** The absolute folder the models folder lies in, which no answer may show. */
    private static final String ABSOLUTE_TARGET = Path.of("target").toAbsolutePath().toString();
    /** The failed models: one whose model.onnx is not ONNX, one whose opening fails with an unexpected exception. */
    private static final List<String> FAILED = List.of("broken", CrashingOpener.MODEL);

    /**
     * A models folder holding the bundled model, a folder whose model.onnx is not ONNX, and a copy of the bundled
     * model that {@link CrashingOpener} fails to open.
     */
    public static class BrokenModelFolder implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(CrashingOpener.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "broken-models");
                ModelFolders.copy(dir, BundledModel.NAME, ModelFolders.Edit.NONE);
                ModelFolders.withBytes(dir, "broken", "this is not ONNX".getBytes(StandardCharsets.UTF_8));
                ModelFolders.copy(dir, CrashingOpener.MODEL, SpecRewrite.renamed(CrashingOpener.MODEL));
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
                .body(MODELS + ".reason", containsString(CrashingOpener.MODEL + "/model.onnx: expected the model to "
                        + "open, found an internal error (the server log has the details)"))
                .body(MODELS + ".reason", not(containsString(ABSOLUTE_TARGET)))
                .body(MODELS + ".broken", equalTo("failed"))
                .body(MODELS + "." + CrashingOpener.MODEL, equalTo("failed"))
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

    @Test
    void noAnswerAboutTheServiceNamesAnAbsolutePathOrAJavaType() {
        Map<String, Supplier<Response>> service = Map.of(
                "/q/health/ready", () -> given().get("/q/health/ready"),
                "/q/health", () -> given().get("/q/health"),
                "/v2/health/ready", () -> given().get("/v2/health/ready"),
                "/v1/models", () -> given().get("/v1/models"));
        service.forEach((route, call) -> {
            String body = call.get().then().statusCode(route.equals("/v1/models") ? 200 : 503).extract().asString();
            FAILED.forEach(model -> assertTrue(body.contains(model), route + " names " + model + ": " + body));
            Leaks.assertNone(route, body);
        });
    }

    @Test
    void noAnswerAboutAFailedModelNamesItsAbsolutePathOrAJavaType() {
        for (String model : FAILED) {
            String v1 = "/v1/models/" + model;
            String v2 = "/v2/models/" + model;
            Map<String, Supplier<Response>> calls = Map.ofEntries(
                    Map.entry("GET " + v1, () -> given().get(v1)),
                    Map.entry("GET " + v2, () -> given().get(v2)),
                    Map.entry("GET " + v2 + "/ready", () -> given().get(v2 + "/ready")),
                    Map.entry("GET " + v2 + "/versions/1/ready", () -> given().get(v2 + "/versions/1/ready")),
                    Map.entry("POST " + v1 + "/classify", () -> png().post(v1 + "/classify")),
                    Map.entry("POST " + v2 + "/infer", () -> given().contentType("application/json")
                            .body(Map.of("inputs", List.of(Map.of("name", "image", "datatype", "FP32",
                                    "shape", List.of(1, 1, 28, 28), "data", new float[784]))))
                            .post(v2 + "/infer")),
                    Map.entry("POST " + v1 + "/probe", () -> png().post(v1 + "/probe")),
                    Map.entry("POST " + v1 + "/probe/events", () -> png().post(v1 + "/probe/events")),
                    Map.entry("POST " + v1 + "/probe-jobs", () -> given().post(v1 + "/probe-jobs")),
                    Map.entry("GET " + v1 + "/self-check", () -> given().get(v1 + "/self-check")),
                    Map.entry("GET " + v1 + "/samples", () -> given().get(v1 + "/samples")),
                    Map.entry("GET " + v1 + "/probe-set", () -> given().get(v1 + "/probe-set")));
            calls.forEach((call, request) -> {
                Response response = request.get();
                String body = response.asString();
                assertEquals(503, response.statusCode(), call + ": " + body);
                assertTrue(response.jsonPath().getString("error").startsWith("model \"" + model
                        + "\": expected ready, found failed: " + model + "/model.onnx: "), call + ": " + body);
                Leaks.assertNone(call, body);
            });
        }
    }

    private static RequestSpecification png() {
        return given().contentType("image/png").body(BundledModel.sample(0));
    }
}
