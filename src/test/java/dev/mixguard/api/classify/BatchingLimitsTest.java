package dev.mixguard.api.classify;

import static dev.mixguard.support.Metrics.model;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Images;
import dev.mixguard.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The batcher behind HTTP, with batches of 4, a 3 s delay, room for 4 waiting images and a 1 s deadline: v1 and
 * v2 requests share a batch, a full queue or a passed deadline answer 503 with Retry-After, and a request whose
 * client hung up never runs.
 */
@QuarkusTest
@TestProfile(BatchingLimitsTest.SlowBatches.class)
class BatchingLimitsTest {

    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(4);

    /** Batches only fill up or wait 3 s; requests may wait 1 s. */
    public static class SlowBatches implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.batching.max-batch-size", "4",
                    "mixguard.batching.max-queue-delay-microseconds", "3000000",
                    "mixguard.batching.queue-capacity", "4",
                    "mixguard.batching.request-timeout", "1s");
        }
    }

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Test
    void v1AndV2RequestsShareOneFullBatch() {
        Metrics before = Metrics.scrape();
        List<CompletableFuture<Response>> answers = List.of(async(() -> png()), async(() -> png()),
                async(() -> v2(1)), async(() -> v2(1)));
        answers.forEach(answer -> answer.join().then().statusCode(200));
        Metrics after = Metrics.scrape();
        assertEquals(1, after.since(before, model("nv_inference_exec_count")), "one run for four requests");
        assertEquals(4, after.since(before, model("mixguard_batch_size_sum")));
    }

    @Test
    void aRequestStillQueuedAtItsDeadlineIs503WithRetryAfter() {
        Metrics before = Metrics.scrape();
        png().then().statusCode(503).header("Retry-After", equalTo("1"))
                .body("error", containsString("model \"" + BundledModel.NAME + "\": expected to start within 1000 ms "
                        + "(mixguard.batching.request-timeout), found it still queued after"));
        assertEquals(1, Metrics.scrape().since(before, model("nv_inference_request_failure", "reason", "TIMEOUT")));
    }

    @Test
    void aRequestThatDoesNotFitTheQueueIs503WithRetryAfter() throws InterruptedException {
        Metrics before = Metrics.scrape();
        CompletableFuture<Response> waiting = async(() -> v2(3));
        awaitMetric(model("nv_inference_pending_request_count"), 1, before);
        v2(2).then().statusCode(503).header("Retry-After", equalTo("1"))
                .body("error", equalTo("model \"" + BundledModel.NAME + "\": expected room for 2 image(s) in the queue "
                        + "(mixguard.batching.queue-capacity 4), found 3 waiting"));
        waiting.join().then().statusCode(503);
        assertEquals(1, Metrics.scrape().since(before, model("nv_inference_request_failure", "reason", "REJECTED")));
    }

    @Test
    void aRequestWhoseClientHungUpIsDroppedBeforeItRuns() throws Exception {
        Metrics before = Metrics.scrape();
        byte[] png = BundledModel.sample(0);
        try (Socket client = new Socket("localhost", RestAssured.port)) {
            client.getOutputStream().write(("POST /v1/models/" + BundledModel.NAME + "/classify HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Type: image/png\r\nContent-Length: " + png.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().write(png);
            awaitMetric(model("nv_inference_pending_request_count"), 1, Metrics.scrape());
        }
        awaitMetric(model("nv_inference_request_failure", "reason", "CANCELED"), 1, before);
        Metrics after = Metrics.scrape();
        assertEquals(0, after.since(before, model("nv_inference_request_failure", "reason", "TIMEOUT")));
        assertEquals(0, after.since(before, model("nv_inference_exec_count")), "nothing ran for it");
    }

    /** Waits up to 15 s for {@code sample} to grow by {@code delta} since {@code before}. */
    private static void awaitMetric(String sample, double delta, Metrics before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Metrics.scrape().since(before, sample) < delta) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + sample + " to grow by " + delta + " within 15 s, found "
                        + Metrics.scrape().since(before, sample));
            }
            Thread.sleep(50);
        }
    }

    private static CompletableFuture<Response> async(Supplier<Response> call) {
        return CompletableFuture.supplyAsync(call, CLIENTS);
    }

    private static Response png() {
        return given().contentType("image/png").body(BundledModel.sample(0))
                .when().post("/v1/models/" + BundledModel.NAME + "/classify");
    }

    private static Response v2(int images) {
        return given().contentType("application/json").body(Map.of("inputs", List.of(Map.of("name", "image",
                "datatype", "FP32", "shape", List.of(images, 1, 28, 28), "data", new float[images * 784]))))
                .when().post("/v2/models/" + BundledModel.NAME + "/infer");
    }
}
