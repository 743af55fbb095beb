package dev.mixguard.model;

import java.util.List;

/**
 * The three run-time inputs of the fused graph that move the accuracy/robustness dial: gamma_bias shifts the
 * mixing logit, alpha_low and alpha_high bound the weight alpha on the robust model.
 */
public record Knobs(float gammaBias, float alphaLow, float alphaHigh) {

    /** The graph input, spec field and request parameter that shifts the mixing logit. */
    public static final String GAMMA_BIAS = "gamma_bias";
    /** The graph input, spec field and request parameter that bounds alpha from below. */
    public static final String ALPHA_LOW = "alpha_low";
    /** The graph input, spec field and request parameter that bounds alpha from above. */
    public static final String ALPHA_HIGH = "alpha_high";
    /** The knob names in the order of this record's components. */
    public static final List<String> NAMES = List.of(GAMMA_BIAS, ALPHA_LOW, ALPHA_HIGH);

    public Knobs {
        if (!Float.isFinite(gammaBias)) {
            throw new InvalidInputException("expected a finite gamma_bias, found " + gammaBias);
        }
        if (!(alphaLow >= 0f && alphaLow <= alphaHigh && alphaHigh <= 1f)) {
            throw new InvalidInputException("expected 0 <= alpha_low <= alpha_high <= 1, found alpha_low="
                    + alphaLow + ", alpha_high=" + alphaHigh);
        }
    }

    /** These knobs with each non-null argument replacing its value. */
    public Knobs with(Float newGammaBias, Float newAlphaLow, Float newAlphaHigh) {
        return new Knobs(
                newGammaBias != null ? newGammaBias : gammaBias,
                newAlphaLow != null ? newAlphaLow : alphaLow,
                newAlphaHigh != null ? newAlphaHigh : alphaHigh);
    }
}
