package dev.mixguard.api.probe;

import dev.mixguard.model.ModelSpec;
import dev.mixguard.probe.AdversarialExample;
import dev.mixguard.probe.ProbeResult;
import dev.mixguard.probe.ProbeSummary;
import java.util.Locale;

/** Says in plain words what a probe or a job showed: "not found" is an upper bound on robustness, not a proof. */
public final class ProbeWording {

    /** The words every "nothing found" answer carries. */
    static final String UPPER_BOUND = "an upper bound on robustness, not a proof";

    private ProbeWording() {
    }

    /** One probed image, under {@code attack}. */
    static String of(ProbeResult r, ResolvedAttack.View attack, ModelSpec spec) {
        String ball = ball(attack);
        return switch (r.status()) {
            case FOUND -> {
                AdversarialExample a = r.adversarial();
                yield String.format(Locale.ROOT, "adversarial example found in %d queries: inside the %s the "
                        + "prediction changes from \"%s\" to \"%s\" (perturbation L-inf %.4g, L2 %.4g), so this "
                        + "prediction is not robust at this budget", r.queries(), ball, spec.label(r.label()),
                        spec.label(a.predictedClass()), a.linf(), a.l2());
            }
            case NOT_FOUND -> notFound(r.queries()) + "; a stronger attack or a larger budget may still find one "
                    + "inside the " + ball;
            case TIMED_OUT -> notFound(r.queries()) + ", and weaker than a full run: the wall-time cap "
                    + "(mixguard.probe.max-request-time) stopped the search early";
            case CANCELLED -> notFound(r.queries()) + ", and weaker than a full run: the probe was cancelled";
            case CLEAN_MISCLASSIFIED -> "not attacked: the clean image is already classified as \""
                    + spec.label(r.cleanClass()) + "\", not the requested label \"" + spec.label(r.label()) + "\"";
        };
    }

    /** A finished job's summary, under {@code attack}. */
    public static String of(ProbeSummary s, ResolvedAttack.View attack) {
        long robust = s.rows().stream().filter(ProbeResult::robust).count();
        String text = String.format(Locale.ROOT, "robust accuracy %.1f%% (%d of %d images correct and not fooled) "
                + "under %s in the %s with up to %d queries per image, clean accuracy %.1f%%: %s; a stronger "
                + "attack may fool more", 100 * s.robustAccuracy(), robust, s.imagesProbed(), attack.attack(),
                ball(attack), attack.maxQueriesPerImage(), 100 * s.cleanAccuracy(), UPPER_BOUND);
        if (!s.complete()) {
            text += String.format(Locale.ROOT, ". The job stopped early: %d of %d images probed, %d cut short",
                    s.imagesProbed(), s.imagesRequested(), s.stoppedEarly());
        }
        return text;
    }

    private static String notFound(int queries) {
        return "no adversarial example found in " + queries + " queries: " + UPPER_BOUND;
    }

    private static String ball(ResolvedAttack.View attack) {
        return (attack.norm().equals("linf") ? "L-inf" : "L2") + " ball of radius " + attack.epsilon();
    }
}
