package dev.mixguard.probe;

import java.time.Duration;

/** Hard caps on a probe: forward passes per image (the clean pass included) and wall time per request or job. */
public record QueryBudget(int maxQueriesPerImage, Duration maxWallTime) {

    public QueryBudget {
        if (maxQueriesPerImage < 1) {
            throw new IllegalArgumentException("expected at least 1 query per image, found " + maxQueriesPerImage);
        }
        if (maxWallTime == null || maxWallTime.isNegative() || maxWallTime.isZero()) {
            throw new IllegalArgumentException("expected a positive wall-time cap, found " + maxWallTime);
        }
    }

    /** Enough queries for the clean pass plus every step of {@code settings}, within {@code maxWallTime}. */
    public static QueryBudget covering(AttackSettings settings, Duration maxWallTime) {
        long perImage = 1L + (long) settings.restarts() * (settings.iterations() + 1L);
        return new QueryBudget((int) Math.min(perImage, Integer.MAX_VALUE), maxWallTime);
    }
}
