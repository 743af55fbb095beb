package dev.mixguard.api.v2;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ErrorBodies;
import dev.mixguard.support.Images;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and checks shared by the KServe v2 tests. */
final class V2Calls {

    static final String MODEL = "/v2/models/" + BundledModel.NAME;
    static final String INFER = MODEL + "/infer";
    static final List<Integer> ONE_IMAGE = List.of(1, 1, 28, 28);

    private V2Calls() {
    }

    /** The n-th bundled sample as FP32 values in [0, 1], flat CHW. */
    static float[] sample(int n) {
        return Images.greyValues(BundledModel.sample(n));
    }

    /** One input tensor. */
    static Map<String, Object> input(String name, String datatype, List<Integer> shape, Object data) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("shape", shape);
        input.put("datatype", datatype);
        if (data != null) {
            input.put("data", data);
        }
        return input;
    }

    /** An FP32 "image" input of the given shape. */
    static Map<String, Object> image(List<Integer> shape, Object data) {
        return input("image", "FP32", shape, data);
    }

    /** A request body with these inputs. */
    @SafeVarargs
    static Map<String, Object> request(Map<String, Object>... inputs) {
        return Map.of("inputs", List.of(inputs));
    }

    /** POSTs a JSON body to the infer route and returns the 200 answer. */
    static JsonPath infer(Object body) {
        Response response = given().contentType("application/json").body(body).when().post(INFER);
        assertEquals(200, response.statusCode(), response.asString());
        return response.jsonPath();
    }

    /** The data of the output called {@code name}. */
    static List<Float> output(JsonPath json, String name) {
        return json.getList("outputs.find { it.name == '" + name + "' }.data", Float.class);
    }

    /** Asserts Triton's error body: the status, JSON with only "error", the expected text, no stack trace. */
    static void assertError(Response response, int status, String expected) {
        ErrorBodies.assertErrorBody(response, status, expected);
    }

    /** POSTs a JSON body to the infer route and asserts the error. */
    static void assertInferError(int status, String expected, Object body) {
        assertError(json().body(body).when().post(INFER), status, expected);
    }

    static RequestSpecification json() {
        return given().contentType("application/json");
    }
}
