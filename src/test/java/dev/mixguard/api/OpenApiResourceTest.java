package dev.mixguard.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /q/openapi serves the build-time document: YAML by default, JSON on request, every API route in it. */
@QuarkusTest
class OpenApiResourceTest {

    @Test
    void servesYamlByDefault() {
        given().when().get("/q/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(startsWith("---\nopenapi: 3.")).body(containsString("/v2/models/{name}/infer:"));
    }

    @Test
    void servesJsonForTheFormatParameterOrTheAcceptHeader() {
        JsonPath byFormat = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
        JsonPath byAccept = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(byFormat.getMap("paths"), byAccept.getMap("paths"));
        assertEquals("MixGuard", byFormat.getString("info.title"));
        Map<String, Object> paths = byFormat.getMap("paths");
        for (String route : new String[] {"/v1/models/{name}/classify", "/v1/models/{name}/probe",
                "/v2/models/{name}/infer", "/v2/health/ready", "/v1/models/{name}/probe-jobs/{id}/events"}) {
            assertTrue(paths.containsKey(route), route + " documented, found " + paths.keySet());
        }
        assertFalse(paths.containsKey("/q/openapi"), "the document's own route is not an API route");
        assertEquals("integer", byFormat.getString("components.schemas.Prediction.properties.class_index.type"),
                "properties in snake_case, as the JSON is");
    }

    @Test
    void anUnknownFormatIsAJsonError() {
        given().queryParam("format", "xml").when().get("/q/openapi").then().statusCode(400)
                .body("error", equalTo("expected format json or yaml, found \"xml\""));
    }
}
