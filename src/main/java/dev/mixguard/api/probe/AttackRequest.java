package dev.mixguard.api.probe;

import dev.mixguard.model.InvalidInputException;

/**
 * What a probe request asks of the attack, every field optional (null: the model's or the service's default).
 *
 * @param attack   "square" (AutoAttack's Square) or "noise" (uniform samples in the ball)
 * @param norm     "linf" or "l2"
 * @param epsilon  radius of the ball, on [0, 1] pixels
 * @param queries  steps per restart (AutoAttack's n_queries)
 * @param restarts restarts of the search
 * @param seed     seed of every random choice
 * @param pInit    Square's initial fraction of the image a square covers
 * @param label    the class to attack; null attacks the clean prediction
 */
public record AttackRequest(String attack, String norm, Double epsilon, Integer queries, Integer restarts, Long seed,
        Double pInit, Integer label) {

    /** A request that asks for every default. */
    public static final AttackRequest DEFAULTS = new AttackRequest(null, null, null, null, null, null, null, null);

    /** This request's fields, completed by {@code other}'s; a field both set is refused, naming it. */
    public AttackRequest merge(AttackRequest other) {
        return new AttackRequest(
                pick("attack", attack, other.attack),
                pick("norm", norm, other.norm),
                pick("epsilon", epsilon, other.epsilon),
                pick("queries", queries, other.queries),
                pick("restarts", restarts, other.restarts),
                pick("seed", seed, other.seed),
                pick("p_init", pInit, other.pInit),
                pick("label", label, other.label));
    }

    private static <T> T pick(String name, T mine, T theirs) {
        if (mine != null && theirs != null) {
            throw new InvalidInputException(name + ": expected it once, as a query parameter or a JSON field, "
                    + "found both (" + theirs + " and " + mine + ")");
        }
        return mine != null ? mine : theirs;
    }
}
