package dev.mixguard.probe;

import java.util.Locale;

/** The threat models a probe can search in, and how each one measures a perturbation. */
public enum Norm {
    /** Largest absolute change of any one value. */
    LINF,
    /** Euclidean length of the change. */
    L2;

    /** Length of {@code b - a} in this norm, accumulated in double. */
    public double distance(float[] a, float[] b) {
        return this == LINF ? linf(a, b) : l2(a, b);
    }

    /** Reads "linf", "Linf", "l2" or "L2"; anything else is refused with the accepted spellings. */
    public static Norm parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "linf", "l-inf", "l_inf" -> LINF;
            case "l2" -> L2;
            default -> throw new IllegalArgumentException("expected norm 'linf' or 'l2', found '" + text + "'");
        };
    }

    static double linf(float[] a, float[] b) {
        requireSameLength(a, b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) b[i] - a[i]));
        }
        return max;
    }

    static double l2(float[] a, float[] b) {
        requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) b[i] - a[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("expected images of equal size, found " + a.length + " and " + b.length);
        }
    }
}
