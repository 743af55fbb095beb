package dev.mixguard.model;

/**
 * The margin condition of adaptive-smoothing section 4 at the guaranteed minimum weight alpha_low: when the
 * robust model's probability margin p_A - p_B exceeds (1 - a) / a, the mixed prediction equals the robust
 * model's whatever the standard model says. It is an indicator at this input, not a radius; for a <= 0.5 it
 * can never hold, because the margin is at most 1.
 *
 * @param alphaLow the weight a the condition is evaluated at
 * @param margin the robust model's top-1 minus top-2 probability
 * @param threshold (1 - a) / a, or null when a = 0 (no finite threshold)
 * @param holds whether margin > threshold, strictly
 */
public record MarginCertificate(float alphaLow, float margin, Float threshold, boolean holds) {

    /** Evaluates the condition on the robust model's class probabilities. */
    public static MarginCertificate evaluate(float[] robustProbs, float alphaLow) {
        float first = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float p : robustProbs) {
            if (p > first) {
                second = first;
                first = p;
            } else if (p > second) {
                second = p;
            }
        }
        float margin = first - second;
        if (alphaLow <= 0f) {
            return new MarginCertificate(alphaLow, margin, null, false);
        }
        float threshold = (1f - alphaLow) / alphaLow;
        return new MarginCertificate(alphaLow, margin, threshold, margin > threshold);
    }
}
