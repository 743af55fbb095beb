package dev.mixguard.api.probe.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mixguard.support.BundledModel;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Set;

/** Starts, waits for and cancels probe jobs over HTTP for the tests. */
public final class ProbeJobs {

    /** The bundled model's probe-job route. */
    public static final String JOBS = "/v1/models/" + BundledModel.NAME + "/probe-jobs";

    private static final Set<String> ENDED = Set.of("succeeded", "cancelled", "timed_out", "failed");

    private ProbeJobs() {
    }

    /** Starts a job over the bundled probe set with {@code params}; returns its id. */
    public static String start(Map<String, ?> params) {
        return given().queryParams(params).when().post(ProbeJobs.JOBS).then().statusCode(202).extract()
                .jsonPath().getString("id");
    }

    /** A job that runs for minutes: every bundled image, the most queries, a ball too small to be fooled in. */
    public static String startLong() {
        return start(Map.of("first", 1000, "queries", 19000, "epsilon", 1e-4));
    }

    /** Polls until the job reaches {@code state} (or ends), failing after {@code seconds}. */
    public static JsonPath awaitState(String id, String state, int seconds) {
        return await(id, seconds, json -> json.getString("state").equals(state));
    }

    /** Polls until the job has ended, failing after {@code seconds}. */
    public static JsonPath awaitEnd(String id, int seconds) {
        return await(id, seconds, json -> ENDED.contains(json.getString("state")));
    }

    /** Cancels the job if it is still kept and running. */
    public static void cancel(String id) {
        given().when().delete(ProbeJobs.JOBS + "/" + id);
    }

    private static JsonPath await(String id, int seconds, java.util.function.Predicate<JsonPath> done) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonPath json;
        do {
            json = given().when().get(ProbeJobs.JOBS + "/" + id).then().statusCode(200).extract().jsonPath();
            if (done.test(json)) {
                return json;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return fail("job " + id + " still " + json.getString("state") + " after " + seconds + " s");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
