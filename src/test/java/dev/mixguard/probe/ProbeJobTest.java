package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeJobTest {

    private static final double DISTANCE = 0.05;
    private static final List<float[]> IMAGES = Fixtures.images(Fixtures.SHAPE, 5);
    private static final LinearClassifier MODEL = LinearClassifier.atDistance(Fixtures.SHAPE,
            LinearClassifier.blockWeights(Fixtures.SHAPE), IMAGES.get(0), Norm.LINF, DISTANCE);
    private static final QueryBudget BUDGET = new QueryBudget(1500, Fixtures.AMPLE_TIME);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static List<LabelledImage> labelled() {
        List<LabelledImage> out = new ArrayList<>(Fixtures.labelledZero(IMAGES));
        out.set(4, new LabelledImage(IMAGES.get(4), 1));
        return out;
    }

    private ProbeSummary run(double eps, int chunk) throws Exception {
        Probe probe = Probe.square(AttackSettings.autoAttack(Norm.LINF, eps, 9));
        return ProbeJob.start(probe, MODEL, labelled(), chunk, BUDGET, new CancellationToken(), executor,
                ProgressListener.NONE)
                .result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void resultsDoNotDependOnTheChunkSize() throws Exception {
        ProbeSummary whole = run(1.5 * DISTANCE, 5);
        ProbeSummary chunked = run(1.5 * DISTANCE, 2);

        assertEquals(whole.rows().size(), chunked.rows().size());
        for (int i = 0; i < whole.rows().size(); i++) {
            ProbeResult a = whole.rows().get(i);
            ProbeResult b = chunked.rows().get(i);
            assertEquals(a.status(), b.status());
            assertEquals(a.queries(), b.queries());
            assertEquals(a.bestMargin(), b.bestMargin());
            if (a.found()) {
                assertArrayEquals(a.adversarial().image(), b.adversarial().image());
            }
        }
    }

    @Test
    void theSummaryCoversEveryImage() throws Exception {
        ProbeSummary s = run(1.5 * DISTANCE, 2);

        assertEquals(5, s.imagesProbed());
        assertTrue(s.complete());
        assertEquals(0.8, s.cleanAccuracy(), 1e-12, "image 4 is labelled 1 and predicted 0");
        assertEquals(ProbeStatus.CLEAN_MISCLASSIFIED, s.rows().get(4).status());
        assertEquals(0.0, s.robustAccuracy(), 1e-12, "eps is 1.5x the distance: every image is fooled");
    }

    @Test
    void progressIsStreamedAcrossChunksAndEndsAtTheTotals() throws Exception {
        List<ProbeProgress> seen = Collections.synchronizedList(new ArrayList<>());
        Probe probe = Probe.square(AttackSettings.autoAttack(Norm.LINF, 0.5 * DISTANCE, 9).withIterations(60));

        ProbeJob job = ProbeJob.start(probe, MODEL, labelled(), 2, BUDGET, new CancellationToken(), executor,
                seen::add);
        ProbeSummary s = job.result().get(60, TimeUnit.SECONDS);

        ProbeProgress last = seen.get(seen.size() - 1);
        assertEquals(new ProbeProgress(5, 5, 4, s.totalQueries()), last);
        assertEquals(last, job.progress());
        assertEquals(4 * 62 + 1, s.totalQueries(), "clean pass, start and 60 steps; one clean pass for image 4");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).imagesDone() >= seen.get(i - 1).imagesDone());
            assertTrue(seen.get(i).queries() >= seen.get(i - 1).queries());
        }
    }

    @Test
    void cancellingStopsTheRunningChunkWithinOneStepAndSkipsTheRest() throws Exception {
        Probe probe = Probe.square(AttackSettings.autoAttack(Norm.LINF, 0.5 * DISTANCE, 9));
        // the job may reach its 5th call before start() has returned it here: the hook waits for it
        CompletableFuture<ProbeJob> started = new CompletableFuture<>();
        AuditingClassifier audit = new AuditingClassifier(MODEL, IMAGES, Norm.LINF, 0.5 * DISTANCE)
                .onCall(5, () -> started.join().cancel());

        ProbeJob job = ProbeJob.start(probe, audit, labelled(), 2, BUDGET, new CancellationToken(), executor,
                ProgressListener.NONE);
        started.complete(job);
        ProbeSummary s = job.result().get(60, TimeUnit.SECONDS);

        assertEquals(5, audit.calls());
        assertEquals(2, s.imagesProbed(), "only the first chunk ran");
        s.rows().forEach(r -> assertEquals(ProbeStatus.CANCELLED, r.status()));
        assertEquals(Optional.of(CancellationToken.Cause.CALLER), job.cancelCause());
        assertTrue(!s.complete());
    }

    @Test
    void whoeverHoldsTheTokenCanStopTheJobAndTheJobKeepsWhy() throws Exception {
        Probe probe = Probe.square(AttackSettings.autoAttack(Norm.LINF, 0.5 * DISTANCE, 9));
        CancellationToken token = new CancellationToken();
        AuditingClassifier audit = new AuditingClassifier(MODEL, IMAGES, Norm.LINF, 0.5 * DISTANCE)
                .onCall(5, () -> token.cancel(CancellationToken.Cause.SHUTDOWN));

        ProbeJob job = ProbeJob.start(probe, audit, labelled(), 2, BUDGET, token, executor, ProgressListener.NONE);
        ProbeSummary s = job.result().get(60, TimeUnit.SECONDS);
        job.cancel();

        assertEquals(5, audit.calls(), "the step in flight finishes, no further step or chunk starts");
        assertEquals(2, s.imagesProbed());
        s.rows().forEach(r -> assertEquals(ProbeStatus.CANCELLED, r.status()));
        assertEquals(Optional.of(CancellationToken.Cause.SHUTDOWN), job.cancelCause(),
                "the first cause raised is kept; a later cancel by the caller does not replace it");
    }
}
