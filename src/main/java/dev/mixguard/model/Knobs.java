package dev.mixguard.model;

/**
 * The three run-time inputs of the fused graph that move the accuracy/robustness dial: gamma_bias shifts the
 * mixing logit, alpha_low and alpha_high bound the weight alpha on the robust model.
 */
public record Knobs(float gammaBias, float alphaLow, float alphaHigh) {

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
