package dev.mixguard.metrics;

import static dev.mixguard.support.Metrics.model;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Images;
import dev.mixguard.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /q/metrics: Triton's nv_inference_* samples and ours move with v1 and v2 traffic, and probe counters count. */
@QuarkusTest
class MetricsTest {

    @Inject
    MetricsRecorder recorder;

    @Test
    void tritonsInferenceMetricsMoveWithTraffic() {
        Metrics before = Metrics.scrape();
        given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200);
        float[] three = new float[3 * 784];
        System.arraycopy(Images.greyValues(BundledModel.sample(1)), 0, three, 0, 784);
        given().contentType("application/json").body(Map.of("inputs", List.of(Map.of("name", "image",
                "datatype", "FP32", "shape", List.of(3, 1, 28, 28), "data", three))))
                .when().post("/v2/models/" + BundledModel.NAME + "/infer").then().statusCode(200);
        Metrics after = Metrics.scrape();
        assertEquals(2, after.since(before, model("nv_inference_request_success")));
        assertEquals(4, after.since(before, model("nv_inference_count")), "one image, then three");
        double runs = after.since(before, model("nv_inference_exec_count"));
        assertTrue(runs >= 1 && runs <= 2, "one or two runs, found " + runs);
        for (String duration : List.of("nv_inference_request_duration_us", "nv_inference_compute_infer_duration_us")) {
            assertTrue(after.since(before, model(duration)) > 0, duration + " grows");
        }
        assertTrue(after.since(before, model("nv_inference_queue_duration_us")) >= 0);
        assertEquals(0, after.since(before, model("nv_inference_request_failure", "reason", "REJECTED")));
        assertEquals(0, after.value(model("nv_inference_pending_request_count")));
        assertEquals(runs, after.since(before, model("mixguard_batch_size_count")));
        assertEquals(4, after.since(before, model("mixguard_batch_size_sum")));
        assertEquals(4, after.since(before, model("mixguard_alpha_count")));
        assertEquals(4, after.since(before, model("mixguard_alpha_bucket", "le", "+Inf")));
        assertEquals(1, after.value(model("mixguard_model_provider", "provider", "cpu")));
    }

    @Test
    void probeCountersCountWhatTheProbeApiReports() {
        String started = "mixguard_probe_started_total{attack=\"square-linf\",model=\"" + BundledModel.NAME + "\"}";
        String finished = "mixguard_probe_finished_total{attack=\"square-linf\",model=\"" + BundledModel.NAME
                + "\",outcome=\"robust\"}";
        String queries = "mixguard_probe_queries_total{attack=\"square-linf\",model=\"" + BundledModel.NAME + "\"}";
        recorder.probeStarted(BundledModel.NAME, "square-linf");
        recorder.probeFinished(BundledModel.NAME, "square-linf", "robust", 120);
        Metrics before = Metrics.scrape();
        recorder.probeStarted(BundledModel.NAME, "square-linf");
        recorder.probeFinished(BundledModel.NAME, "square-linf", "robust", 80);
        Metrics after = Metrics.scrape();
        assertEquals(1, after.since(before, started));
        assertEquals(1, after.since(before, finished));
        assertEquals(80, after.since(before, queries));
    }
}
