package dev.mixguard.probe;

/** How one attack searches: norm, epsilon, steps per restart (AutoAttack's n_queries), restarts, p_init, seed. */
public record AttackSettings(Norm norm, double epsilon, int iterations, int restarts, double pInit, long seed) {

    /** AutoAttack's Square defaults: 5000 steps per restart. */
    public static final int DEFAULT_ITERATIONS = 5000;
    /** AutoAttack's Square defaults: one restart. */
    public static final int DEFAULT_RESTARTS = 1;
    /** AutoAttack's Square defaults: squares start at 80% of the image area. */
    public static final double DEFAULT_P_INIT = 0.8;

    public AttackSettings {
        if (norm == null) {
            throw new IllegalArgumentException("expected a norm (linf or l2), found null");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("expected a positive finite epsilon, found " + epsilon);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("expected iterations >= 0, found " + iterations);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("expected restarts >= 1, found " + restarts);
        }
        if (!(pInit > 0 && pInit <= 1)) {
            throw new IllegalArgumentException("expected p_init in (0, 1], found " + pInit);
        }
    }

    /** The Square attack as AutoAttack's standard version configures it, at {@code epsilon} in {@code norm}. */
    public static AttackSettings autoAttack(Norm norm, double epsilon, long seed) {
        return new AttackSettings(norm, epsilon, DEFAULT_ITERATIONS, DEFAULT_RESTARTS, DEFAULT_P_INIT, seed);
    }

    /** The same settings with another number of steps per restart. */
    public AttackSettings withIterations(int steps) {
        return new AttackSettings(norm, epsilon, steps, restarts, pInit, seed);
    }

    /** The same settings with another number of restarts. */
    public AttackSettings withRestarts(int count) {
        return new AttackSettings(norm, epsilon, iterations, count, pInit, seed);
    }

    /** The same settings with another seed. */
    public AttackSettings withSeed(long newSeed) {
        return new AttackSettings(norm, epsilon, iterations, restarts, pInit, newSeed);
    }
}
