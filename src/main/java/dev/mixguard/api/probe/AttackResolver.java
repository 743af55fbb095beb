package dev.mixguard.api.probe;

import dev.mixguard.config.ProbeConfig;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.ThreatModel;
import dev.mixguard.probe.AttackKind;
import dev.mixguard.probe.AttackSettings;
import dev.mixguard.probe.Norm;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.QueryBudget;
import java.time.Duration;
import java.util.Optional;

/** Checks a probe request against the model and the caps, filling defaults from the spec's threat model. */
public final class AttackResolver {

    private AttackResolver() {
    }

    /** The attack {@code request} asks for on a model with {@code spec}; every refusal says expected and found. */
    public static ResolvedAttack resolve(AttackRequest request, ModelSpec spec, ProbeConfig config) {
        Norm norm = request.norm() != null ? norm(request.norm()) : specNorm(spec.threatModel())
                .orElseThrow(() -> new InvalidInputException("norm: expected \"linf\" or \"l2\" (the model's threat "
                        + "model names \"" + spec.threatModel().norm() + "\"), found none"));
        double epsilon = request.epsilon() != null ? request.epsilon() : defaultEpsilon(norm, spec.threatModel());
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidInputException("epsilon: expected a positive finite number, found " + epsilon);
        }
        int queries = orDefault(request.queries(), config.defaultQueries());
        int restarts = orDefault(request.restarts(), AttackSettings.DEFAULT_RESTARTS);
        double pInit = request.pInit() != null ? request.pInit() : AttackSettings.DEFAULT_P_INIT;
        atLeastOne("queries", queries);
        atLeastOne("restarts", restarts);
        if (!(pInit > 0 && pInit <= 1)) {
            throw new InvalidInputException("p_init: expected a number in (0, 1], found " + pInit);
        }
        AttackSettings settings = new AttackSettings(norm, epsilon, queries, restarts, pInit,
                request.seed() != null ? request.seed() : 0L);
        long perImage = QueryBudget.covering(settings, Duration.ofSeconds(1)).maxQueriesPerImage();
        if (perImage > config.maxQueriesPerImage()) {
            throw new InvalidInputException("queries: expected 1 + restarts x (queries + 1) <= "
                    + config.maxQueriesPerImage() + " (mixguard.probe.max-queries-per-image), found 1 + " + restarts
                    + " x (" + queries + " + 1) = " + perImage);
        }
        Integer label = request.label();
        if (label != null && (label < 0 || label >= spec.numClasses())) {
            throw new InvalidInputException("label: expected 0 to " + (spec.numClasses() - 1) + ", found " + label);
        }
        return new ResolvedAttack(Probe.of(kind(request.attack()), settings), label);
    }

    private static AttackKind kind(String attack) {
        if (attack == null) {
            return AttackKind.SQUARE;
        }
        try {
            return AttackKind.parse(attack);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("attack: " + e.getMessage());
        }
    }

    private static Norm norm(String text) {
        try {
            return Norm.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("norm: " + e.getMessage());
        }
    }

    private static Optional<Norm> specNorm(ThreatModel threat) {
        try {
            return Optional.of(Norm.parse(threat.norm()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The threat model's epsilon in its own norm, its l2_epsilon for L2. */
    private static double defaultEpsilon(Norm norm, ThreatModel threat) {
        if (specNorm(threat).orElse(null) == norm) {
            return threat.epsilon();
        }
        if (norm == Norm.L2 && threat.l2Epsilon() != null) {
            return threat.l2Epsilon();
        }
        throw new InvalidInputException("epsilon: expected a value (the model's threat model gives none for "
                + norm.name().toLowerCase(java.util.Locale.ROOT) + "), found none");
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new InvalidInputException(name + ": expected at least 1, found " + value);
        }
    }
}
