package dev.mixguard.probe;

import java.util.random.RandomGenerator;

/** Small pure helpers on flat CHW images: indexing, clamping to [0, 1], random signs. */
final class Pixels {

    private Pixels() {
    }

    /** Flat index of channel {@code c}, row {@code row}, column {@code col} in an image {@code h x w}. */
    static int index(int c, int row, int col, int height, int width) {
        return (c * height + row) * width + col;
    }

    /**
     * Flat indices of the {@code side x side} window at ({@code top}, {@code left}) in channel {@code c}, row-major;
     * -1 for cells outside the image.
     */
    static int[] window(int c, int top, int left, int side, int height, int width) {
        int[] out = new int[side * side];
        for (int r = 0; r < side; r++) {
            for (int col = 0; col < side; col++) {
                boolean inside = top + r < height && left + col < width;
                out[r * side + col] = inside ? index(c, top + r, left + col, height, width) : -1;
            }
        }
        return out;
    }

    /** {@code value} clamped to the valid pixel range [0, 1]. */
    static float clamp01(float value) {
        return Math.min(Math.max(value, 0f), 1f);
    }

    /** {@code value} projected to [x - eps, x + eps] and then to [0, 1], as AutoAttack projects. */
    static float project(float value, float x, float eps) {
        return clamp01(Math.min(Math.max(value, x - eps), x + eps));
    }

    /** +1 or -1 with equal odds, like AutoAttack's {@code random_choice}. */
    static int sign(RandomGenerator rng) {
        return rng.nextBoolean() ? 1 : -1;
    }

    /** {@code clamp01(x + delta * scale)}, element-wise. */
    static float[] addScaled(float[] x, double[] delta, double scale) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = clamp01((float) (x[i] + delta[i] * scale));
        }
        return out;
    }

    /** Euclidean length of {@code v}. */
    static double norm(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
