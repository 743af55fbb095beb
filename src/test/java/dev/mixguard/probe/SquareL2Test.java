package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SquareL2Test {

    private static final double DISTANCE = 0.5;
    private static final float[] X = Fixtures.image(Fixtures.SHAPE, 0.5f, 1);
    private static final LinearClassifier MODEL = LinearClassifier.atDistance(Fixtures.SHAPE,
            LinearClassifier.centralWeights(Fixtures.SHAPE), X, Norm.L2, DISTANCE);

    private static Probe square(double eps, long seed) {
        return Probe.square(AttackSettings.autoAttack(Norm.L2, eps, seed).withIterations(1000));
    }

    @Test
    void findsAnAdversarialExampleWhenEpsilonIsClearlyAboveTheDistance() {
        ProbeResult r = Fixtures.run(square(2 * DISTANCE, 7), MODEL, List.of(X), 1000).get(0);

        assertEquals(ProbeStatus.FOUND, r.status());
        assertTrue(r.adversarial().l2() <= 2 * DISTANCE + AuditingClassifier.TOLERANCE);
        assertTrue(MODEL.margin(r.adversarial().image()) <= 0, "the model really misclassifies it");
    }

    @Test
    void neverReportsAnAdversarialExampleBelowTheDistanceAndKeepsEveryQueryInTheBall() {
        double eps = 0.9 * DISTANCE;
        List<float[]> images = Fixtures.images(Fixtures.SHAPE, 2);
        images.set(0, X);
        AuditingClassifier audit = new AuditingClassifier(MODEL, images, Norm.L2, eps);

        ProbeResult r = Fixtures.run(square(eps, 3), audit, images, 500).get(0);

        assertFalse(r.found());
        assertEquals(500, audit.queries(0));
        double bound = MODEL.margin(X) * (1 - eps / DISTANCE);
        assertTrue(r.bestMargin() >= bound - 1e-4, r.bestMargin() + " < " + bound);
    }

    @Test
    void queriesNearTheBoxEdgeAreClampedIntoTheUnitBox() {
        double eps = 2.0;
        List<float[]> images = List.of(Fixtures.image(Fixtures.SHAPE, 0.06f, 9));
        AuditingClassifier audit = new AuditingClassifier(MODEL, images, Norm.L2, eps);

        ProbeResult r = Fixtures.run(square(eps, 4), audit, images, 300).get(0);

        assertEquals(audit.queries(0), r.queries());
    }

    @Test
    void aStepAwayFromTheBoxKeepsThePerturbationExactlyOnTheSphere() {
        SquareL2 moves = new SquareL2(Fixtures.SHAPE, 0.3, 0.8);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        float[] best = moves.start(X, rng);
        assertEquals(0.3, Norm.l2(X, best), 1e-5);
        for (int it = 0; it < 300; it++) {
            best = moves.next(X, best, it, rng);
            assertEquals(0.3, Norm.l2(X, best), 1e-5);
        }
    }

    @Test
    void theSameSeedGivesTheSameResultAndDifferentSeedsDiffer() {
        ProbeResult a = Fixtures.run(square(2 * DISTANCE, 42), MODEL, List.of(X), 1000).get(0);
        ProbeResult b = Fixtures.run(square(2 * DISTANCE, 42), MODEL, List.of(X), 1000).get(0);
        ProbeResult c = Fixtures.run(square(2 * DISTANCE, 43), MODEL, List.of(X), 1000).get(0);

        assertEquals(a.queries(), b.queries());
        assertEquals(a.bestMargin(), b.bestMargin());
        assertTrue(a.found() && b.found());
        assertArrayEquals(a.adversarial().image(), b.adversarial().image());
        assertNotEquals(a.queries(), c.queries());
    }
}
