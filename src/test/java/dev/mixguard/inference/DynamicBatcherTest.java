package dev.mixguard.inference;

import static dev.mixguard.inference.FakeRunner.ids;
import static dev.mixguard.inference.FakeRunner.images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.Knobs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Triton's batching rules, the queue bound, deadlines and shutdown, against a fake model and a fake clock. */
class DynamicBatcherTest {

    private static final Knobs KNOBS = new Knobs(1f, 0.6f, 1f);
    private static final Knobs OTHER_KNOBS = new Knobs(0f, 0.5f, 0.9f);
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final FakeRunner runner = new FakeRunner();
    private final RecordingObserver observer = new RecordingObserver();
    private final AtomicLong clock = new AtomicLong();
    private DynamicBatcher batcher;

    @AfterEach
    void close() {
        runner.release();
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void aFullBatchRunsAtOnceWithoutWaitingForTheDelay() throws Exception {
        start(new BatchPolicy(true, 4, HOUR, 100, 1, HOUR));
        List<CompletableFuture<BatchResult>> results = List.of(submit(1), submit(2), submit(3), submit(4));
        for (int i = 0; i < results.size(); i++) {
            assertEquals(List.of(i + 1), ids(await(results.get(i))), "each request gets its own image's scores");
        }
        assertEquals(List.of(new FakeRunner.Run(KNOBS, List.of(1, 2, 3, 4))), runner.finished());
        assertEquals(4, await(results.get(0)).batchSize());
    }

    @Test
    void aPartialBatchGoesWhenItsOldestRequestHasWaitedTheDelay() throws Exception {
        start(new BatchPolicy(true, 8, MS, 100, 1, HOUR));
        CompletableFuture<BatchResult> oldest = submit(1);
        clock.set(MS * 6 / 10);
        CompletableFuture<BatchResult> newer = submit(2);
        clock.set(MS - 1);
        batcher.wakeUp();
        Thread.sleep(50);
        assertFalse(oldest.isDone() || runner.startedCount() > 0, "expected no run before the delay, found one");
        clock.set(MS);
        batcher.wakeUp();
        assertEquals(List.of(1), ids(await(oldest)));
        assertEquals(List.of(2), ids(await(newer)));
        assertEquals(List.of(new FakeRunner.Run(KNOBS, List.of(1, 2))), runner.finished(),
                "the newer request rides along although it waited only 0.4 ms");
    }

    @Test
    void withoutDelayWhatIsQueuedRunsWhenAnInstanceIsFree() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 1, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> first = submit(1);
        assertEquals(List.of(1), runner.awaitStart().ids(), "a lone request runs at once");
        List<CompletableFuture<BatchResult>> queued = List.of(submit(2), submit(3), submit(4));
        runner.release();
        await(first);
        queued.forEach(DynamicBatcherTest::await);
        assertEquals(List.of(List.of(1), List.of(2, 3, 4)), runner.finished().stream().map(FakeRunner.Run::ids)
                .toList());
        assertEquals(List.of(1, 3), observer.batchSizes);
        assertEquals(4, observer.succeeded.get());
    }

    @Test
    void onlyRequestsWithTheSameKnobsShareABatch() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 1, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> first = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> b = submit(2);
        CompletableFuture<BatchResult> c = batcher.submit(images(3), OTHER_KNOBS);
        CompletableFuture<BatchResult> d = submit(4);
        runner.release();
        List.of(first, b, c, d).forEach(DynamicBatcherTest::await);
        assertEquals(List.of(new FakeRunner.Run(KNOBS, List.of(1)), new FakeRunner.Run(KNOBS, List.of(2, 4)),
                new FakeRunner.Run(OTHER_KNOBS, List.of(3))), runner.finished());
    }

    @Test
    void aRequestLargerThanTheBatchIsSplitAndReassembledInOrder() throws Exception {
        start(new BatchPolicy(true, 4, 0, 100, 1, HOUR));
        BatchResult result = await(submit(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ids(result));
        assertEquals(List.of(4, 4, 2), observer.batchSizes);
        assertEquals(4, result.batchSize());
        assertEquals(10, observer.images.get());
    }

    @Test
    void withBatchingOffEachRequestRunsAloneAndWhole() throws Exception {
        start(new BatchPolicy(false, 64, HOUR, 100, 1, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> first = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> b = submit(2, 3, 4);
        CompletableFuture<BatchResult> c = submit(5, 6);
        runner.release();
        List.of(first, b, c).forEach(DynamicBatcherTest::await);
        assertEquals(List.of(List.of(1), List.of(2, 3, 4), List.of(5, 6)),
                runner.finished().stream().map(FakeRunner.Run::ids).toList());
    }

    @Test
    void aFullQueueRefusesTheRequestThatDoesNotFit() throws Exception {
        start(new BatchPolicy(true, 8, 0, 3, 1, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> running = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> fits = submit(2, 3);
        Throwable refused = failure(submit(4, 5));
        assertInstanceOf(OverloadedException.class, refused);
        assertEquals("model \"fake\": expected room for 2 image(s) in the queue (mixguard.batching.queue-capacity 3),"
                + " found 2 waiting", refused.getMessage());
        assertEquals(1, observer.failures(BatchObserver.Failure.REJECTED));
        runner.release();
        assertEquals(List.of(2, 3), ids(await(fits)));
        await(running);
    }

    @Test
    void aRequestPastItsDeadlineIsDroppedBeforeItRuns() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 1, MS));
        runner.hold();
        CompletableFuture<BatchResult> running = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> late = submit(2);
        clock.set(2 * MS);
        runner.release();
        Throwable dropped = failure(late);
        assertInstanceOf(OverloadedException.class, dropped);
        assertEquals("model \"fake\": expected to start within 1 ms (mixguard.batching.request-timeout), found it "
                + "still queued after 2 ms", dropped.getMessage());
        await(running);
        assertEquals(List.of(new FakeRunner.Run(KNOBS, List.of(1))), runner.finished());
        assertEquals(1, observer.failures(BatchObserver.Failure.TIMEOUT));
    }

    @Test
    void aRequestWhoseCallerGaveUpIsDroppedBeforeItRuns() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 1, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> running = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> abandoned = submit(2);
        CompletableFuture<BatchResult> kept = submit(3);
        abandoned.cancel(false);
        runner.release();
        assertEquals(List.of(3), ids(await(kept)));
        await(running);
        assertEquals(List.of(List.of(1), List.of(3)), runner.finished().stream().map(FakeRunner.Run::ids).toList());
        assertEquals(1, observer.failures(BatchObserver.Failure.CANCELED));
    }

    @Test
    void instancesRunBatchesConcurrently() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 2, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> a = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> b = submit(2);
        assertEquals(List.of(2), runner.awaitStart().ids(), "the second instance runs while the first is busy");
        runner.release();
        List.of(a, b).forEach(DynamicBatcherTest::await);
    }

    @Test
    void aFailedRunFailsOnlyTheRequestsInIt() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 1, HOUR));
        runner.failOn(OTHER_KNOBS);
        Throwable failed = failure(batcher.submit(images(1), OTHER_KNOBS));
        assertInstanceOf(InferenceException.class, failed);
        assertTrue(failed.getMessage().startsWith("model \"fake\": batch of 1 failed: "), failed.getMessage());
        assertEquals(List.of(2), ids(await(submit(2))));
        assertEquals(1, observer.failures(BatchObserver.Failure.BACKEND));
    }

    @Test
    void imagesOfTheWrongSizeAreRefusedBeforeQueueing() {
        start(new BatchPolicy(true, 8, 0, 100, 1, HOUR));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> batcher.submit(List.of(new float[3]), KNOBS));
        assertEquals("image 0: expected 4 values, found 3", e.getMessage());
    }

    @Test
    void closingFailsWaitingRequestsLetsTheRunningBatchFinishAndRefusesNewOnes() throws Exception {
        start(new BatchPolicy(true, 8, 0, 100, 1, HOUR));
        runner.hold();
        CompletableFuture<BatchResult> running = submit(1);
        runner.awaitStart();
        CompletableFuture<BatchResult> waiting = submit(2);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(batcher::close);
        Throwable stopped = failure(waiting);
        assertInstanceOf(ModelUnavailableException.class, stopped);
        assertEquals("model \"fake\": expected to run the request, found the service shutting down",
                stopped.getMessage());
        runner.release();
        assertEquals(List.of(1), ids(await(running)));
        closed.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ModelUnavailableException.class, failure(submit(3)));
        assertEquals(2, observer.failures(BatchObserver.Failure.CANCELED));
    }

    private void start(BatchPolicy policy) {
        batcher = new DynamicBatcher("fake", FakeRunner.IMAGE_LENGTH, runner, policy, observer, clock::get);
    }

    private CompletableFuture<BatchResult> submit(int... ids) {
        return batcher.submit(images(ids), KNOBS);
    }

    private static BatchResult await(CompletableFuture<BatchResult> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("expected a result, found " + e, e);
        }
    }

    private static Throwable failure(CompletableFuture<BatchResult> future) throws InterruptedException {
        try {
            BatchResult result = future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, found scores for " + ids(result));
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("expected a failure within 10 s, found none", e);
        }
    }
}
