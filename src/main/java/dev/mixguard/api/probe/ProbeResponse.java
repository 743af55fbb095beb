package dev.mixguard.api.probe;

import dev.mixguard.api.TensorInput;

/**
 * Answer to a probe: whether an adversarial example was found within the budget, what the model said before and
 * after, the perturbation (with PNGs) when found, the certificate check at the clean image, and what it all means.
 *
 * @param status         found, not_found, clean_misclassified, cancelled or timed_out
 * @param interpretation the result in plain words; "not found" is an upper bound on robustness, never a proof
 * @param attackedLabel  the class the attack tried to move away from
 * @param clean          the model's answer on the clean image
 * @param adversarial    its answer on the adversarial example, or null
 * @param queriesUsed    forward passes spent, the clean pass included
 * @param bestMargin     lowest margin (log p of the attacked label minus the largest other) over every query
 * @param perturbation   the adversarial example's perturbation and images, or null
 */
public record ProbeResponse(String model, String version, String provider, ResolvedAttack.View attack, boolean found,
        String status, String interpretation, Outcome attackedLabel, Outcome clean, Outcome adversarial,
        int queriesUsed, float bestMargin, Perturbation perturbation, CertificateCheck certificate, double probeMs) {

    /**
     * A class with, for a model answer, its alpha and its margin against the attacked label (null for the label).
     */
    public record Outcome(int classIndex, String label, Float alpha, Float margin) {
    }

    /**
     * The perturbation of an adversarial example: its norms, the example as an 8-bit PNG and as an exact float
     * tensor (which classify accepts as is), and a heat map of |delta| with {@code heatMapScale} drawn white.
     */
    public record Perturbation(double linf, double l2, String adversarialPng, String heatMapPng, double heatMapScale,
            TensorInput adversarialTensor) {
    }

    /**
     * Section 4 of adaptive-smoothing.md at the clean image: h's probability margin against (1 - a) / a at
     * a = alpha_low, and the Lipschitz radius when the spec declares a certified constant (null otherwise). The
     * condition alone is an indicator at this input, not a guarantee over the ball.
     */
    public record CertificateCheck(float alphaLow, float margin, Float threshold, boolean holds,
            Double lipschitzRadius) {
    }
}
