package dev.mixguard.api.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.mixguard.api.classify.ClassifyResourceTest;
import dev.mixguard.api.probe.jobs.ProbeJobs;
import dev.mixguard.api.probe.selfcheck.SelfCheckResourceTest;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With mixguard.probe.enabled=false the probe routes and the self-check answer 404 naming the setting. */
@QuarkusTest
@TestProfile(ProbeDisabledTest.Disabled.class)
class ProbeDisabledTest {

    private static final String MESSAGE = "expected the probe routes to be enabled (mixguard.probe.enabled=true), "
            + "found mixguard.probe.enabled=false";

    /** Turns the probe off. */
    public static class Disabled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.probe.enabled", "false");
        }
    }

    @Test
    void probeRoutesAre404NamingTheSetting() {
        given().contentType("image/png").body(BundledModel.sample(0)).when().post(ProbeResourceTest.PROBE)
                .then().statusCode(404).contentType("application/json").body("error", equalTo(MESSAGE));
        given().when().post(ProbeJobs.JOBS).then().statusCode(404).body("error", equalTo(MESSAGE));
        given().when().get(ProbeJobs.JOBS + "/any").then().statusCode(404).body("error", equalTo(MESSAGE));
        given().when().get(SelfCheckResourceTest.SELF_CHECK).then().statusCode(404).body("error", equalTo(MESSAGE));
        given().contentType("image/png").accept("text/event-stream").body(BundledModel.sample(0)).when()
                .post(ProbeEventsTest.EVENTS).then().statusCode(404).body("error", equalTo(MESSAGE));
        given().when().get(ProbeJobs.JOBS + "/any/adversarial/0").then().statusCode(404)
                .body("error", equalTo(MESSAGE));
    }

    @Test
    void classifyIsUnaffected() {
        given().contentType("image/png").body(BundledModel.sample(0)).when().post(ClassifyResourceTest.CLASSIFY)
                .then().statusCode(200);
    }
}
