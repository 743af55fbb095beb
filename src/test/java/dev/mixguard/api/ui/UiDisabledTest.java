package dev.mixguard.api.ui;

import static io.restassured.RestAssured.given;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ErrorBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With mixguard.ui.enabled=false the console's paths answer 404 naming the setting; the API is untouched. */
@QuarkusTest
@TestProfile(UiDisabledTest.ConsoleOff.class)
class UiDisabledTest {

    /** Turns the console off. */
    public static class ConsoleOff implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.ui.enabled", "false");
        }
    }

    @Test
    void theConsolePathsAnswer404NamingTheSetting() {
        for (String path : new String[] {"/", "/ui", "/ui/", "/ui/js/main.js", "/webjars/uplot/dist/uPlot.esm.js"}) {
            ErrorBodies.assertErrorBody(given().redirects().follow(false).when().get(path), 404,
                    "expected the web console at " + path + " to be enabled (mixguard.ui.enabled=true), found it "
                            + "turned off");
        }
    }

    @Test
    void theApiStillServes() {
        given().when().get("/v1/models").then().statusCode(200);
        given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200);
        given().when().get("/v1/models/" + BundledModel.NAME + "/samples").then().statusCode(200);
    }
}
