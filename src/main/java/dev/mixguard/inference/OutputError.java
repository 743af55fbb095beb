package dev.mixguard.inference;

import java.util.Locale;

/**
 * How far one output of a run strays from its parity values: the largest absolute error, and the largest relative
 * error, taken against {@code max(1, |expected|)} so that values near zero count absolutely (the parity tests'
 * rule). A value that is not finite counts as infinitely far.
 */
public record OutputError(double maxAbsError, double maxRelError) {

    /** The largest errors of {@code actual} against {@code expected}, both flat and of one length. */
    static OutputError between(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("expected " + expected.length + " values to compare, found "
                    + actual.length);
        }
        double abs = 0;
        double rel = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs((double) actual[i] - expected[i]);
            if (!Double.isFinite(error)) {
                error = Double.POSITIVE_INFINITY;
            }
            abs = Math.max(abs, error);
            rel = Math.max(rel, error / Math.max(1.0, Math.abs(expected[i])));
        }
        return new OutputError(abs, rel);
    }

    /** In words, e.g. "max abs error 3.8e-06, max rel error 1.0e-06". */
    public String describe() {
        return String.format(Locale.ROOT, "max abs error %.1e, max rel error %.1e", maxAbsError, maxRelError);
    }
}
