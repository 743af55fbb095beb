package dev.mixguard.api.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.mixguard.api.probe.jobs.ProbeJobs;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad probe requests get 400/404/409 with a JSON body saying what was expected and what was found. */
@QuarkusTest
class ProbeErrorsTest {

    private static final String PROBE = ProbeResourceTest.PROBE;
    private static final String JOBS = ProbeJobs.JOBS;

    @Test
    void badAttackParametersAre400() {
        assertError(400, "epsilon: expected a positive finite number, found -0.1", png().queryParam("epsilon", -0.1));
        assertError(400, "norm: expected norm 'linf' or 'l2', found 'l1'", png().queryParam("norm", "l1"));
        assertError(400, "queries: expected 1 + restarts x (queries + 1) <= 20000 "
                + "(mixguard.probe.max-queries-per-image), found 1 + 1 x (50000 + 1) = 50002",
                png().queryParam("queries", 50000));
        assertError(400, "epsilon: expected a number, found \"wide\"", png().queryParam("epsilon", "wide"));
        assertError(400, "label: expected 0 to 9, found 10", png().queryParam("label", 10));
        assertError(400, "restarts: expected at least 1, found 0", png().queryParam("restarts", 0));
        assertError(400, "epsilon: expected it once, as a query parameter or a JSON field, found both",
                given().contentType("application/json").queryParam("epsilon", 0.2).body(Map.of("images",
                        List.of(java.util.Base64.getEncoder().encodeToString(BundledModel.sample(0))),
                        "epsilon", 0.3)));
    }

    @Test
    void anythingButOneImageIs400() {
        assertError(400, "expected exactly one image to probe, found 2", given()
                .multiPart("image", "a.png", BundledModel.sample(0), "image/png")
                .multiPart("image", "b.png", BundledModel.sample(1), "image/png"));
        assertError(400, "image: expected a PNG or JPEG image, found unrecognised data",
                given().contentType("image/png").body("not a png".getBytes()));
        assertError(400, "expected a JSON object with either \"images\" or \"tensor\", found neither",
                given().contentType("application/json").body(Map.of("epsilon", 0.1)));
    }

    @Test
    void unknownModelsAndJobsAre404() {
        given().contentType("image/png").body(BundledModel.sample(0)).when().post("/v1/models/nope/probe")
                .then().statusCode(404).body("error", containsString("found \"nope\""));
        given().when().get(JOBS + "/no-such-job").then().statusCode(404)
                .body("error", startsWith("expected the id of a probe job of model \"" + BundledModel.NAME
                        + "\" (finished jobs are kept up to mixguard.probe.max-retained-jobs), found \"no-such-job\""));
    }

    @Test
    void badJobRequestsAre400() {
        assertJobError("label: expected none for a job (labels come from the probe set or the \"labels\" field), "
                + "found 3", given().queryParam("label", 3));
        assertJobError("first: expected 1 to 1000 (the probe set holds 1000, mixguard.probe.max-job-images is "
                + "1000), found 1001", given().queryParam("first", 1001));
        assertJobError("labels: expected 2 comma-separated class indices (one per image), found 1", given()
                .multiPart("image", "a.png", BundledModel.sample(0), "image/png")
                .multiPart("image", "b.png", BundledModel.sample(1), "image/png").multiPart("labels", "3"));
        assertJobError("labels[0]: expected a class index 0 to 9, found 12", given()
                .multiPart("image", "a.png", BundledModel.sample(0), "image/png").multiPart("labels", "12"));
    }

    @Test
    void theCsvOfARunningJobIs409() {
        String id = ProbeJobs.startLong();
        try {
            given().when().get(JOBS + "/" + id + "/result.csv").then().statusCode(409)
                    .body("error", startsWith("expected probe job \"" + id + "\" to have ended with a result, found"));
        } finally {
            ProbeJobs.cancel(id);
            ProbeJobs.awaitEnd(id, 10);
        }
    }

    /** A probe request for a sample image, before its parameters. */
    private static RequestSpecification png() {
        return given().contentType("image/png").body(BundledModel.sample(0));
    }

    private static void assertError(int status, String message, RequestSpecification request) {
        request.when().post(PROBE).then().statusCode(status).contentType("application/json")
                .body("error", startsWith(message));
    }

    private static void assertJobError(String message, RequestSpecification request) {
        request.when().post(JOBS).then().statusCode(400).contentType("application/json")
                .body("error", startsWith(message));
    }
}
