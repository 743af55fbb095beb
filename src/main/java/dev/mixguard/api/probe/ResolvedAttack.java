package dev.mixguard.api.probe;

import dev.mixguard.probe.AttackSettings;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.QueryBudget;
import java.time.Duration;
import java.util.Locale;

/**
 * A checked probe request: the attack to run, the label to attack (null: the clean prediction) and the forward
 * passes one image may cost (the clean pass, then every start and step of every restart).
 */
public record ResolvedAttack(Probe probe, Integer label) {

    /** The attack as the response shows it. */
    public record View(String attack, String norm, double epsilon, int queries, int restarts, double pInit,
            long seed, int maxQueriesPerImage) {
    }

    public AttackSettings settings() {
        return probe.settings();
    }

    /** Enough queries for every step of the settings, within {@code wallTime}. */
    public QueryBudget budget(Duration wallTime) {
        return QueryBudget.covering(settings(), wallTime);
    }

    public View view() {
        AttackSettings s = settings();
        return new View(probe.kind().id(), s.norm().name().toLowerCase(Locale.ROOT),
                s.epsilon(), s.iterations(), s.restarts(), s.pInit(), s.seed(),
                budget(Duration.ofSeconds(1)).maxQueriesPerImage());
    }
}
