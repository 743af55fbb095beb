package dev.mixguard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building a prediction from raw scores: mixed top-k, each base model's own vote, and the margin certificate. */
class PredictionTest {

    private static final ModelSpec SPEC = new ModelSpec("m", "1", List.of("a", "b", "c"),
            new InputSpec("image", 1, 2, 2, Colour.GREY), ModelSpec.REQUIRED_OUTPUTS, new Knobs(1f, 0.6f, 1f),
            2f, 2f, 1f, new ThreatModel("linf", 0.1, null), null, Map.of(), Map.of());

    @Test
    void mixedTopKIsOrderedAndTheBaseModelsUseTheirOwnScales() {
        float[] logProbs = {(float) Math.log(0.2), (float) Math.log(0.7), (float) Math.log(0.1)};
        Scores scores = new Scores(logProbs, 0.8f, new float[] {1f, 0f, 0f}, new float[] {0f, 0f, 3f});
        Prediction p = Prediction.of(scores, SPEC, SPEC.knobs(), 2);

        assertEquals(1, p.classIndex());
        assertEquals("b", p.label());
        assertEquals(0.7f, p.probability(), 1e-6f);
        assertEquals(List.of(1, 0), p.topK().stream().map(ClassProbability::index).toList());
        assertEquals(0.8f, p.alpha());
        double e2 = Math.exp(2);
        assertEquals("a", p.standard().label());
        assertEquals(e2 / (e2 + 2), p.standard().probability(), 1e-6, "softmax of std_scale 2 x logits");
        double e3 = Math.exp(3);
        assertEquals("c", p.robust().label());
        assertEquals(e3 / (e3 + 2), p.robust().probability(), 1e-6, "softmax of rob_scale 1 x logits");
    }

    @Test
    void certificateHoldsOnlyWhenTheRobustMarginExceedsTheThresholdStrictly() {
        MarginCertificate holds = MarginCertificate.evaluate(new float[] {0.05f, 0.9f, 0.05f}, 0.6f);
        assertEquals(0.85f, holds.margin(), 1e-6f);
        assertEquals(2f / 3f, holds.threshold(), 1e-6f);
        assertTrue(holds.holds());

        MarginCertificate fails = MarginCertificate.evaluate(new float[] {0.3f, 0.6f, 0.1f}, 0.6f);
        assertEquals(0.3f, fails.margin(), 1e-6f);
        assertFalse(fails.holds());

        MarginCertificate tie = MarginCertificate.evaluate(new float[] {1f, 0f}, 0.5f);
        assertEquals(tie.threshold(), tie.margin(), "margin 1 exactly at threshold 1");
        assertFalse(tie.holds(), "equality is not covered by the lemma");
    }

    @Test
    void certificateNeverHoldsAtOrBelowOneHalf() {
        float[] certain = {1f, 0f, 0f};
        assertFalse(MarginCertificate.evaluate(certain, 0.5f).holds());
        assertEquals(1f, MarginCertificate.evaluate(certain, 0.5f).threshold(), 1e-6f);
        assertFalse(MarginCertificate.evaluate(certain, 0.3f).holds());
        assertNull(MarginCertificate.evaluate(certain, 0f).threshold());
        assertFalse(MarginCertificate.evaluate(certain, 0f).holds());
    }

    @Test
    void knobsMustKeepAlphaInsideZeroToOneAndOrdered() {
        Knobs knobs = new Knobs(1f, 0.6f, 1f);
        assertEquals(new Knobs(1.3f, 0.6f, 0.9f), knobs.with(1.3f, null, 0.9f));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> knobs.with(null, 0.95f, 0.9f));
        assertEquals("expected 0 <= alpha_low <= alpha_high <= 1, found alpha_low=0.95, alpha_high=0.9",
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> knobs.with(Float.NaN, null, null));
        assertThrows(InvalidInputException.class, () -> knobs.with(null, -0.1f, null));
    }
}
