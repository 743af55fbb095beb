package dev.mixguard.probe;

import dev.mixguard.model.MarginCertificate;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.Probabilities;
import dev.mixguard.model.Scores;
import java.util.OptionalDouble;

/**
 * Section 4 of adaptive-smoothing.md for a probe: the margin condition at alpha_low and the Lipschitz radius.
 *
 * <p>The condition is the model package's {@link MarginCertificate}; when a certified Lipschitz constant L of h's
 * probabilities is known, the radius is {@code r = max(0, a (pA - pB) + a - 1) / (2 a L)}.
 *
 * <p>The margin condition at the clean point alone is an indicator, not a guarantee over a ball; only the radius,
 * with a certified L and a = alpha_low (a lower bound of alpha everywhere), certifies a neighbourhood.
 *
 * @param margin          h's probability margin against (1 - a) / a, strict
 * @param lipschitzRadius the certified radius in the norm L is stated for; empty when no constant is known
 */
public record Certificate(MarginCertificate margin, OptionalDouble lipschitzRadius) {

    /** What a certificate is evaluated with: h's rob_scale, the weight a = alpha_low and the Lipschitz constant. */
    public record Basis(float robScale, float alphaLow, OptionalDouble lipschitz) {

        /** The spec's rob_scale and Lipschitz constant (if it declares one) at {@code alphaLow}. */
        public static Basis of(ModelSpec spec, float alphaLow) {
            return new Basis(spec.robScale(), alphaLow, spec.lipschitz() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(spec.lipschitz()));
        }
    }

    /** Evaluates at {@code scores} with the spec's rob_scale and Lipschitz constant (if it declares one). */
    public static Certificate of(Scores scores, ModelSpec spec, float alphaLow) {
        return of(scores, Basis.of(spec, alphaLow));
    }

    /** Evaluates at {@code scores} on {@code basis}. */
    public static Certificate of(Scores scores, Basis basis) {
        return of(scores, basis.robScale(), basis.alphaLow(), basis.lipschitz());
    }

    /** Evaluates at {@code scores}: h's probabilities are softmax(robScale * robLogits). */
    public static Certificate of(Scores scores, float robScale, float alphaLow, OptionalDouble lipschitz) {
        MarginCertificate margin = MarginCertificate.evaluate(
                Probabilities.softmax(scores.robLogits(), robScale), alphaLow);
        OptionalDouble radius = lipschitz.isPresent()
                ? OptionalDouble.of(lipschitzRadius(margin.margin(), alphaLow, lipschitz.getAsDouble()))
                : OptionalDouble.empty();
        return new Certificate(margin, radius);
    }

    /**
     * {@code max(0, alpha * margin + alpha - 1) / (2 * alpha * lipschitz)} for h's probability margin
     * {@code pA - pB}; zero when alpha <= 1/2, where the condition can never hold.
     */
    public static double lipschitzRadius(double margin, double alpha, double lipschitz) {
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("expected a probability margin in [0, 1], found " + margin);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("expected alpha in [0, 1], found " + alpha);
        }
        if (!(lipschitz > 0) || Double.isInfinite(lipschitz)) {
            throw new IllegalArgumentException("expected a positive finite Lipschitz constant, found " + lipschitz);
        }
        if (alpha <= 0.5) {
            return 0;
        }
        return Math.max(0, alpha * margin + alpha - 1) / (2 * alpha * lipschitz);
    }
}
