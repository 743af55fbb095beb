package dev.mixguard.api.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import dev.mixguard.api.probe.jobs.ProbeJobs;
import dev.mixguard.api.probe.selfcheck.SelfCheckResourceTest;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With one probe thread, no queue and one job at a time, a running job makes other probes, jobs and self-checks
 * 429.
 */
@QuarkusTest
@TestProfile(ProbeQueueFullTest.TinyQueue.class)
class ProbeQueueFullTest {

    /** One place on the probe executor, one concurrent job, and a Retry-After of 7 s. */
    public static class TinyQueue implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.probe.threads", "1", "mixguard.probe.queue-size", "0",
                    "mixguard.probe.max-concurrent-jobs", "1", "mixguard.probe.retry-after-seconds", "7");
        }
    }

    @Test
    void aFullProbeQueueIs429WithRetryAfterAndFreesUpWhenTheJobEnds() {
        String id = ProbeJobs.startLong();
        try {
            given().contentType("image/png").body(BundledModel.sample(0)).queryParam("queries", 5)
                    .when().post(ProbeResourceTest.PROBE).then().statusCode(429).header("Retry-After", "7")
                    .body("error", startsWith("expected at most 1 probes running or waiting (mixguard.probe.threads + "
                            + "mixguard.probe.queue-size), found the probe queue full"));
            given().contentType("image/png").accept("text/event-stream").body(BundledModel.sample(0))
                    .queryParam("queries", 5).when().post(ProbeEventsTest.EVENTS).then().statusCode(429)
                    .header("Retry-After", "7").contentType("application/json")
                    .body("error", startsWith("expected at most 1 probes running or waiting"));
            given().queryParam("first", 2).when().post(ProbeJobs.JOBS).then().statusCode(429)
                    .header("Retry-After", "7")
                    .body("error", startsWith("expected at most 1 probe jobs queued or running "
                            + "(mixguard.probe.max-concurrent-jobs), found 1"));
            given().when().get(SelfCheckResourceTest.SELF_CHECK).then().statusCode(429).header("Retry-After", "7")
                    .body("error", startsWith("expected at most 1 probes running or waiting"));
        } finally {
            ProbeJobs.cancel(id);
            ProbeJobs.awaitEnd(id, 10);
        }
        given().contentType("image/png").body(BundledModel.sample(0)).queryParam("queries", 5)
                .when().post(ProbeResourceTest.PROBE).then().statusCode(200);
    }
}
