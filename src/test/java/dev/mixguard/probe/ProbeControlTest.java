package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProbeControlTest {

    private static final double DISTANCE = 0.05;
    private static final List<float[]> IMAGES = Fixtures.images(Fixtures.SHAPE, 3);
    private static final LinearClassifier MODEL = LinearClassifier.atDistance(Fixtures.SHAPE,
            LinearClassifier.blockWeights(Fixtures.SHAPE), IMAGES.get(0), Norm.LINF, DISTANCE);
    private static final Probe PROBE = Probe.square(AttackSettings.autoAttack(Norm.LINF, 0.5 * DISTANCE, 1));

    @Test
    void cancellingStopsTheProbeBeforeItsNextStep() {
        CancellationToken token = new CancellationToken();
        AuditingClassifier audit = new AuditingClassifier(MODEL, IMAGES, Norm.LINF, 0.5 * DISTANCE)
                .onCall(7, token::cancel);
        ProbeControl control = ProbeControl.start(new QueryBudget(5000, Fixtures.AMPLE_TIME), token);

        List<ProbeResult> results = PROBE.run(audit, Fixtures.labelledZero(IMAGES), 0, control,
                ProgressListener.NONE);

        assertEquals(7, audit.calls(), "the step in flight finishes, no further step starts");
        results.forEach(r -> assertEquals(ProbeStatus.CANCELLED, r.status()));
        results.forEach(r -> assertEquals(7, r.queries()));
    }

    @Test
    void aProbeCancelledBeforeItStartsQueriesNothing() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        AuditingClassifier audit = new AuditingClassifier(MODEL, IMAGES, Norm.LINF, 0.5 * DISTANCE);
        ProbeControl control = ProbeControl.start(new QueryBudget(5000, Fixtures.AMPLE_TIME), token);

        List<ProbeResult> results = PROBE.run(audit, Fixtures.labelledZero(IMAGES), 0, control,
                ProgressListener.NONE);

        assertTrue(results.isEmpty());
        assertEquals(0, audit.calls());
    }

    @Test
    void theWallTimeCapStopsTheProbeAtTheFirstStepPastTheDeadline() {
        AtomicLong nanos = new AtomicLong();
        AuditingClassifier audit = new AuditingClassifier(MODEL, IMAGES, Norm.LINF, 0.5 * DISTANCE)
                .onCall(10, () -> nanos.set(Duration.ofSeconds(2).toNanos()));
        ProbeControl control = ProbeControl.start(new QueryBudget(5000, Duration.ofSeconds(1)),
                new CancellationToken(), nanos::get);

        List<ProbeResult> results = PROBE.run(audit, Fixtures.labelledZero(IMAGES), 0, control,
                ProgressListener.NONE);

        assertEquals(10, audit.calls());
        results.forEach(r -> assertEquals(ProbeStatus.TIMED_OUT, r.status()));
        results.forEach(r -> assertTrue(r.status().stoppedEarly()));
    }

    @Test
    void progressCountsFinishedImagesAndQueries() {
        List<ProbeProgress> seen = new java.util.ArrayList<>();
        ProbeControl control = ProbeControl.start(new QueryBudget(120, Fixtures.AMPLE_TIME), new CancellationToken());

        PROBE.run(MODEL, Fixtures.labelledZero(IMAGES), 0, control, seen::add);

        ProbeProgress last = seen.get(seen.size() - 1);
        assertEquals(new ProbeProgress(3, 3, 3, 360), last);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).queries() >= seen.get(i - 1).queries());
            assertTrue(seen.get(i).imagesDone() >= seen.get(i - 1).imagesDone());
        }
    }

    @Test
    void budgetsCoveringAnAttackAllowTheCleanPassAndEveryStep() {
        AttackSettings settings = AttackSettings.autoAttack(Norm.LINF, 0.1, 0).withRestarts(2);

        assertEquals(1 + 2 * 5001, QueryBudget.covering(settings, Fixtures.AMPLE_TIME).maxQueriesPerImage());
    }
}
