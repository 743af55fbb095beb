package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.model.MarginCertificate;
import dev.mixguard.model.Scores;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CertificateTest {

    private static Scores robLogits(float... logits) {
        return new Scores(new float[logits.length], 0.9f, new float[logits.length], logits);
    }

    @Test
    void theMarginConditionComparesHsMarginWithOneMinusAlphaOverAlpha() {
        assertTrue(MarginCertificate.evaluate(new float[] {0.9f, 0.05f, 0.05f}, 0.84f).holds(), "0.85 > 0.19");
        assertFalse(MarginCertificate.evaluate(new float[] {0.55f, 0.40f, 0.05f}, 0.84f).holds(), "0.15 < 0.19");
    }

    @Test
    void theMarginConditionIsStrictAtEquality() {
        float threshold = (1f - 0.75f) / 0.75f;

        assertFalse(MarginCertificate.evaluate(new float[] {threshold, 0f}, 0.75f).holds());
        assertTrue(MarginCertificate.evaluate(new float[] {Math.nextUp(threshold), 0f}, 0.75f).holds());
        assertFalse(MarginCertificate.evaluate(new float[] {0.5f, 0.5f}, 1f).holds(), "a tie, even at alpha 1");
    }

    @Test
    void theMarginConditionNeverHoldsForAlphaAtMostOneHalf() {
        for (float alpha : new float[] {0f, 0.1f, 0.5f}) {
            assertFalse(MarginCertificate.evaluate(new float[] {1f, 0f}, alpha).holds(), "alpha " + alpha);
            assertFalse(Certificate.of(robLogits(100f, 0f), 1f, alpha, OptionalDouble.empty()).margin().holds());
        }
    }

    @Test
    void theLipschitzRadiusFollowsSectionFour() {
        assertEquals(0.85 / 2, Certificate.lipschitzRadius(0.85, 1.0, 1.0), 1e-12, "alpha 1: margin / 2L");
        assertEquals((0.84 * 0.85 + 0.84 - 1) / (2 * 0.84 * 2.0), Certificate.lipschitzRadius(0.85, 0.84, 2.0),
                1e-12);
        assertEquals(0.0, Certificate.lipschitzRadius(0.15, 0.84, 1.0), "no radius below the condition");
        assertEquals(0.0, Certificate.lipschitzRadius(1.0, 0.5, 1.0));
        assertEquals(0.0, Certificate.lipschitzRadius(1.0, 0.0, 1.0));
    }

    @Test
    void theRadiusGrowsFromZeroWhereTheConditionStartsToHold() {
        double alpha = 0.75;
        double threshold = (1 - alpha) / alpha;

        assertEquals(0.0, Certificate.lipschitzRadius(threshold, alpha, 1.0), 1e-15);
        assertEquals(0.1 / 2, Certificate.lipschitzRadius(threshold + 0.1, alpha, 1.0), 1e-12,
                "equivalently (margin - (1-a)/a) / 2L");
    }

    @Test
    void evaluatesHsScaledSoftmaxFromScores() {
        Certificate c = Certificate.of(robLogits(2f, 0f, (float) Math.log(0.5)), 1f, 0.84f, OptionalDouble.of(1.0));

        double z = Math.exp(2) + 1 + 0.5;
        double margin = (Math.exp(2) - 1) / z;
        assertEquals(margin, c.margin().margin(), 1e-6);
        assertTrue(c.margin().holds());
        assertEquals(Certificate.lipschitzRadius(c.margin().margin(), 0.84f, 1.0), c.lipschitzRadius().getAsDouble());
        assertTrue(Certificate.of(robLogits(2f, 0f), 1f, 0.84f, OptionalDouble.empty()).lipschitzRadius().isEmpty());
    }

    @Test
    void robScaleSharpensHsProbabilities() {
        assertFalse(Certificate.of(robLogits(1f, 0f), 1f, 0.6f, OptionalDouble.empty()).margin().holds(),
                "0.46 < 0.67");
        assertTrue(Certificate.of(robLogits(1f, 0f), 10f, 0.6f, OptionalDouble.empty()).margin().holds(),
                "0.9999 > 0.67");
    }

    @Test
    void refusesImpossibleInputs() {
        assertThrows(IllegalArgumentException.class, () -> Certificate.lipschitzRadius(-0.1, 0.9, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Certificate.lipschitzRadius(0.5, 1.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Certificate.lipschitzRadius(0.5, 0.9, 0));
    }
}
