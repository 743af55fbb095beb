package dev.mixguard.probe;

import java.util.random.RandomGenerator;

/** The Square attack's square-size schedule as pure functions: AutoAttack's p_selection with resc_schedule=False. */
final class PSchedule {

    /** Iteration thresholds after which p halves; AutoAttack's absolute (not rescaled) schedule. */
    private static final int[] THRESHOLDS = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};

    private PSchedule() {
    }

    /**
     * Fraction of pixels a square covers at 0-based iteration {@code it}: p_init while it <= 10, then p_init/2
     * up to 50, /4 up to 200, ... and p_init/512 beyond 8000.
     */
    static double p(double pInit, int it) {
        int halvings = 0;
        while (halvings < THRESHOLDS.length && it > THRESHOLDS[halvings]) {
            halvings++;
        }
        return pInit / (1 << halvings);
    }

    /**
     * L-inf square side: {@code max(round(sqrt(p*h*w)), 1)}, at most {@code min(h, w) - 1} as in the original
     * Square code (the bound only matters for images a few pixels wide).
     */
    static int linfSide(double p, int height, int width) {
        int side = Math.max(roundHalfEven(Math.sqrt(p * height * width)), 1);
        return Math.max(Math.min(side, Math.min(height, width) - 1), 1);
    }

    /**
     * L2 window side: {@code max(round(sqrt(p*h*w)), 3)}, made odd by adding one as AutoAttack does, and at most
     * {@code min(h, w)} so the window fits the image.
     */
    static int l2Side(double p, int height, int width) {
        int side = Math.max(roundHalfEven(Math.sqrt(p * height * width)), 3);
        if (side % 2 == 0) {
            side++;
        }
        return Math.min(side, Math.min(height, width));
    }

    /** Python's {@code round}: halves go to the even neighbour. */
    private static int roundHalfEven(double value) {
        return (int) Math.rint(value);
    }

    /**
     * Top-left corner of a window of {@code side} on an axis of {@code length}, drawn as AutoAttack's
     * {@code random_int(0, length - side)}: uniform over {@code [0, length - side)}, or 0 when that is empty.
     */
    static int corner(RandomGenerator rng, int length, int side) {
        return rng.nextInt(Math.max(length - side, 1));
    }
}
