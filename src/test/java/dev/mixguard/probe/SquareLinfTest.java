package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SquareLinfTest {

    private static final double DISTANCE = 0.05;
    private static final float[] X = Fixtures.image(Fixtures.SHAPE, 0.5f, 1);
    private static final LinearClassifier MODEL = LinearClassifier.atDistance(Fixtures.SHAPE,
            LinearClassifier.blockWeights(Fixtures.SHAPE), X, Norm.LINF, DISTANCE);

    private static Probe square(double eps, long seed) {
        return Probe.square(AttackSettings.autoAttack(Norm.LINF, eps, seed).withIterations(1000));
    }

    @Test
    void findsAnAdversarialExampleWhenEpsilonIsClearlyAboveTheDistance() {
        ProbeResult r = Fixtures.run(square(2 * DISTANCE, 7), MODEL, List.of(X), 5000).get(0);

        assertEquals(ProbeStatus.FOUND, r.status());
        assertTrue(r.found());
        assertEquals(1, r.adversarial().predictedClass());
        assertTrue(r.adversarial().linf() <= 2 * DISTANCE + AuditingClassifier.TOLERANCE);
        assertTrue(MODEL.margin(r.adversarial().image()) <= 0, "the model really misclassifies it");
        assertTrue(r.bestMargin() <= 0);
    }

    @Test
    void neverReportsAnAdversarialExampleBelowTheDistance() {
        for (double fraction : new double[] {0.5, 0.9}) {
            AuditingClassifier audit = new AuditingClassifier(MODEL, List.of(X), Norm.LINF, fraction * DISTANCE);
            ProbeResult r = Fixtures.run(square(fraction * DISTANCE, 3), audit, List.of(X), 400).get(0);

            assertFalse(r.found());
            assertEquals(ProbeStatus.NOT_FOUND, r.status());
            assertEquals(400, r.queries(), "a full budget was spent");
        }
    }

    @Test
    void theBestMarginNeverBeatsTheLinearBound() {
        double eps = 0.8 * DISTANCE;
        ProbeResult r = Fixtures.run(square(eps, 11), MODEL, List.of(X), 600).get(0);

        double cleanMargin = MODEL.margin(X);
        double bound = cleanMargin * (1 - eps / DISTANCE);
        assertTrue(r.bestMargin() >= bound - 1e-4, r.bestMargin() + " < " + bound);
        assertTrue(r.bestMargin() < cleanMargin, "the search made progress");
    }

    @Test
    void everyQueryStaysInsideTheBallAndTheUnitBox() {
        double eps = 1.5 * DISTANCE;
        List<float[]> images = Fixtures.images(Fixtures.SHAPE, 3);
        images.set(0, Fixtures.image(Fixtures.SHAPE, 0.06f, 5));
        AuditingClassifier audit = new AuditingClassifier(MODEL, images, Norm.LINF, eps);

        List<ProbeResult> results = Fixtures.run(square(eps, 5), audit, images, 800);

        for (ProbeResult r : results) {
            assertEquals(audit.queries(r.index()), r.queries(), "the result counts every query");
            if (r.found()) {
                float[] adv = r.adversarial().image();
                assertTrue(Norm.linf(images.get(r.index()), adv) <= eps + AuditingClassifier.TOLERANCE);
                assertTrue(MODEL.margin(adv) <= 0);
            }
        }
    }

    @Test
    void theQueryBudgetIsNeverExceeded() {
        List<float[]> images = Fixtures.images(Fixtures.SHAPE, 3);
        AuditingClassifier audit = new AuditingClassifier(MODEL, images, Norm.LINF, 0.5 * DISTANCE);
        Probe probe = Probe.square(AttackSettings.autoAttack(Norm.LINF, 0.5 * DISTANCE, 1).withRestarts(3));

        List<ProbeResult> results = Fixtures.run(probe, audit, images, 37);

        for (ProbeResult r : results) {
            assertEquals(37, audit.queries(r.index()));
            assertEquals(37, r.queries());
            assertEquals(ProbeStatus.NOT_FOUND, r.status());
        }
    }

    @Test
    void eachStepIsOneModelCallForEveryImageStillStanding() {
        List<float[]> images = Fixtures.images(Fixtures.SHAPE, 3);
        AuditingClassifier audit = new AuditingClassifier(MODEL, images, Norm.LINF, 0.5 * DISTANCE);

        Fixtures.run(square(0.5 * DISTANCE, 2), audit, images, 21);

        assertEquals(21, audit.calls(), "clean pass, start, then 19 steps, all images in each call");
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        List<float[]> images = Fixtures.images(Fixtures.SHAPE, 3);
        List<ProbeResult> first = Fixtures.run(square(1.3 * DISTANCE, 42), MODEL, images, 2000);
        List<ProbeResult> second = Fixtures.run(square(1.3 * DISTANCE, 42), MODEL, images, 2000);

        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).queries(), second.get(i).queries());
            assertEquals(first.get(i).bestMargin(), second.get(i).bestMargin());
            assertEquals(first.get(i).status(), second.get(i).status());
            if (first.get(i).found()) {
                assertArrayEquals(first.get(i).adversarial().image(), second.get(i).adversarial().image());
            }
        }
    }

    @Test
    void differentSeedsSearchDifferently() {
        ProbeResult a = Fixtures.run(square(0.8 * DISTANCE, 1), MODEL, List.of(X), 60).get(0);
        ProbeResult b = Fixtures.run(square(0.8 * DISTANCE, 2), MODEL, List.of(X), 60).get(0);

        assertNotEquals(a.bestMargin(), b.bestMargin());
    }

    @Test
    void aMisclassifiedCleanImageIsNotAttacked() {
        AuditingClassifier audit = new AuditingClassifier(MODEL, List.of(X), Norm.LINF, DISTANCE);
        ProbeControl control = ProbeControl.start(new QueryBudget(100, Fixtures.AMPLE_TIME), new CancellationToken());

        ProbeResult r = square(DISTANCE, 1).run(audit, List.of(new LabelledImage(X, 1)), 0, control,
                ProgressListener.NONE).get(0);

        assertEquals(ProbeStatus.CLEAN_MISCLASSIFIED, r.status());
        assertEquals(1, r.queries());
        assertFalse(r.robust());
    }

    @Test
    void anUnlabelledImageIsAttackedAgainstItsCleanPrediction() {
        ProbeControl control = ProbeControl.start(new QueryBudget(3000, Fixtures.AMPLE_TIME), new CancellationToken());

        ProbeResult r = square(2 * DISTANCE, 1).run(MODEL, List.of(LabelledImage.unlabelled(X)), 0, control,
                ProgressListener.NONE).get(0);

        assertEquals(0, r.label());
        assertEquals(ProbeStatus.FOUND, r.status());
    }
}
