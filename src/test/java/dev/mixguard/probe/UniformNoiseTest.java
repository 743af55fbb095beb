package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UniformNoiseTest {

    private static final float[] X = Fixtures.image(Fixtures.SHAPE, 0.5f, 1);

    @Test
    void linfSamplesFillTheBoxAroundTheImage() {
        UniformNoise noise = new UniformNoise(Norm.LINF, 0.1);
        SplittableRandom rng = new SplittableRandom(3);
        double largest = 0;
        for (int i = 0; i < 50; i++) {
            double d = Norm.linf(X, noise.next(X, X, i, rng));
            assertTrue(d <= 0.1 + AuditingClassifier.TOLERANCE);
            largest = Math.max(largest, d);
        }
        assertTrue(largest > 0.09, "samples reach out to the faces of the box");
    }

    @Test
    void l2SamplesLieInTheBallAndConcentrateNearItsSphere() {
        UniformNoise noise = new UniformNoise(Norm.L2, 1.0);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            double d = Norm.l2(X, noise.next(X, X, i, rng));
            assertTrue(d <= 1.0 + AuditingClassifier.TOLERANCE);
            assertTrue(d > 0.95, "in 300 dimensions almost all volume is near the sphere: " + d);
        }
    }

    @Test
    void samplesNearTheEdgeAreClampedIntoTheUnitBox() {
        float[] dark = Fixtures.image(Fixtures.SHAPE, 0.06f, 2);
        for (Norm norm : Norm.values()) {
            float[] sample = new UniformNoise(norm, 0.5).start(dark, new SplittableRandom(1));
            for (float v : sample) {
                assertTrue(v >= 0f && v <= 1f);
            }
        }
    }

    @Test
    void noiseFailsWhereSquareSucceeds() {
        double distance = 0.05;
        LinearClassifier model = LinearClassifier.atDistance(Fixtures.SHAPE,
                LinearClassifier.blockWeights(Fixtures.SHAPE), X, Norm.LINF, distance);
        AuditingClassifier audit = new AuditingClassifier(model, List.of(X), Norm.LINF, 2 * distance);
        AttackSettings settings = AttackSettings.autoAttack(Norm.LINF, 2 * distance, 1);

        ProbeResult noise = Fixtures.run(Probe.noise(settings), audit, List.of(X), 300).get(0);
        ProbeResult square = Fixtures.run(Probe.square(settings), model, List.of(X), 300).get(0);

        assertFalse(noise.found(), "random signs almost cancel on a linear model");
        assertEquals(300, noise.queries());
        assertTrue(square.found());
    }

    @Test
    void noiseFindsAnExampleWhenTheBallCrossesTheBoundaryWidely() {
        double distance = 0.05;
        LinearClassifier model = LinearClassifier.atDistance(Fixtures.SHAPE,
                LinearClassifier.blockWeights(Fixtures.SHAPE), X, Norm.LINF, distance);

        ProbeResult r = Fixtures.run(Probe.noise(AttackSettings.autoAttack(Norm.LINF, 0.8, 1)), model,
                List.of(X), 500).get(0);

        assertTrue(r.found());
        assertTrue(model.margin(r.adversarial().image()) <= 0);
    }
}
