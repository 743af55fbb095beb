package dev.mixguard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.mixguard.support.Leaks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no folder where mixguard.models.dir points and fail-on-error off, the service starts with readiness DOWN
 * naming the folder as configured, never by its absolute path, and no answer names a Java type.
 */
@QuarkusTest
@TestProfile(MissingModelsFolderTest.NoModelsFolder.class)
class MissingModelsFolderTest {

    /** A relative models folder that does not exist. */
    static final String MISSING = "target/no-models-folder-here";
    private static final String PROBLEM = "mixguard.models.dir: expected a folder at \"" + MISSING + "\", found none";

    /** Points mixguard.models.dir at a folder that does not exist. */
    public static class NoModelsFolder implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.models.dir", MISSING, "mixguard.models.fail-on-error", "false");
        }
    }

    @Test
    void readinessNamesTheFolderAsConfiguredAndNothingOfTheServersInside() {
        String ready = given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'models' }.data.reason", equalTo(PROBLEM))
                .extract().asString();
        Leaks.assertNone("/q/health/ready", ready);
        String v2 = given().when().get("/v2/health/ready").then().statusCode(503)
                .body("error", equalTo("expected ready, found DOWN: models (" + PROBLEM + ")"))
                .extract().asString();
        Leaks.assertNone("/v2/health/ready", v2);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/v1/models").then().statusCode(200).body("models", empty());
    }
}
