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

/**
 * With mixguard.probe.api-key set, every probe route and the self-check need the key in X-API-Key; classify does
 * not.
 */
@QuarkusTest
@TestProfile(ProbeAccessTest.WithApiKey.class)
class ProbeAccessTest {

    private static final String KEY = "test-key-0123";

    /** Sets the probe API key. */
    public static class WithApiKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.probe.api-key", KEY);
        }
    }

    @Test
    void probeRoutesWithoutTheKeyAre401() {
        given().contentType("image/png").body(BundledModel.sample(0)).when().post(ProbeResourceTest.PROBE)
                .then().statusCode(401).header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"")
                .body("error", equalTo("expected the probe API key in header X-API-Key (mixguard.probe.api-key is "
                        + "set), found no such header"));
        given().when().get(ProbeJobs.JOBS).then().statusCode(401);
        given().when().post(ProbeJobs.JOBS).then().statusCode(401);
        given().when().get(ProbeJobs.JOBS + "/any/events").then().statusCode(401);
        given().when().get(SelfCheckResourceTest.SELF_CHECK).then().statusCode(401)
                .body("error", equalTo("expected the probe API key in header X-API-Key (mixguard.probe.api-key is "
                        + "set), found no such header"));
        given().when().get(ProbeJobs.JOBS + "/any/adversarial/0").then().statusCode(401);
        given().contentType("image/png").accept("text/event-stream").body(BundledModel.sample(0)).when()
                .post(ProbeEventsTest.EVENTS).then().statusCode(401).contentType("application/json");
    }

    @Test
    void aWrongKeyIs401() {
        given().header("X-API-Key", KEY + "x").contentType("image/png").body(BundledModel.sample(0))
                .when().post(ProbeResourceTest.PROBE).then().statusCode(401)
                .body("error", equalTo("expected the probe API key in header X-API-Key (mixguard.probe.api-key is "
                        + "set), found a key that does not match"));
    }

    @Test
    void theRightKeyOpensTheProbeAndClassifyNeedsNone() {
        given().header("X-API-Key", KEY).contentType("image/png").body(BundledModel.sample(0))
                .queryParam("queries", 5).when().post(ProbeResourceTest.PROBE).then().statusCode(200);
        given().header("X-API-Key", KEY).when().get(ProbeJobs.JOBS).then().statusCode(200);
        given().header("X-API-Key", KEY).when().get(SelfCheckResourceTest.SELF_CHECK).then().statusCode(200)
                .body("agreement", equalTo("agree"));
        given().contentType("image/png").body(BundledModel.sample(0)).when().post(ClassifyResourceTest.CLASSIFY)
                .then().statusCode(200);
    }
}
