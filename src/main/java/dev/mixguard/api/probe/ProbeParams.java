package dev.mixguard.api.probe;

import dev.mixguard.api.QueryValues;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Query parameters of the probe routes, read as text and parsed here, so a malformed number is a 400 naming the
 * parameter rather than JAX-RS's bare 404.
 */
public class ProbeParams {

    /** "square" (default) or "noise". */
    @RestQuery
    String attack;

    /** "linf" or "l2"; defaults to the model's threat model. */
    @RestQuery
    String norm;

    /** Ball radius on [0, 1] pixels; defaults to the threat model's epsilon (l2_epsilon for l2). */
    @RestQuery
    String epsilon;

    /** Steps per restart (AutoAttack's n_queries); defaults to mixguard.probe.default-queries. */
    @RestQuery
    String queries;

    /** Restarts of the search; defaults to 1. */
    @RestQuery
    String restarts;

    /** Seed of every random choice; defaults to 0. */
    @RestQuery
    String seed;

    /** Square's initial square size as a fraction of the image; defaults to 0.8. */
    @RestQuery("p_init")
    String pInit;

    /** Class to attack; defaults to the clean prediction (single probes only). */
    @RestQuery
    String label;

    /** Images of the bundled probe set a job covers, from the first (jobs only). */
    @RestQuery
    String first;

    /** The attack parameters as typed values. */
    public AttackRequest toRequest() {
        return new AttackRequest(attack, norm, QueryValues.number("epsilon", epsilon),
                QueryValues.integer("queries", queries), QueryValues.integer("restarts", restarts),
                QueryValues.longValue("seed", seed), QueryValues.number("p_init", pInit),
                QueryValues.integer("label", label));
    }

    /** The {@code first} parameter, or null when absent. */
    public Integer first() {
        return QueryValues.integer("first", first);
    }
}
