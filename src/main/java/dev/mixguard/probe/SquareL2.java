package dev.mixguard.probe;

import dev.mixguard.model.ImageShape;
import java.util.random.RandomGenerator;

/**
 * Square attack moves in L2, following AutoAttack's {@code square.py} ({@code attack_single_run}, L2 branch).
 *
 * <p>A grid of signed {@link Eta} patches as the start; then per step a fresh patch centred in one window, the old
 * mass of that window and of a second window redistributed into it, and the whole perturbation rescaled to eps.
 *
 * <p>As in {@link SquareLinf}, each image draws its windows, patches and signs from its own stream, where AutoAttack
 * shares windows across the batch. Start patches that would run past the image edge are clipped (AutoAttack
 * assumes they fit), and images under 5 pixels high use 1-pixel patches.
 */
final class SquareL2 implements Proposer {

    private static final double TINY = 1e-12;

    private final int channels;
    private final int height;
    private final int width;
    private final double eps;
    private final double pInit;

    SquareL2(ImageShape shape, double eps, double pInit) {
        this.channels = shape.channels();
        this.height = shape.height();
        this.width = shape.width();
        this.eps = eps;
        this.pInit = pInit;
    }

    /** A grid of h/5-sized patches with a random sign per channel, scaled to L2 norm eps, clamped to [0, 1]. */
    @Override
    public float[] start(float[] x, RandomGenerator rng) {
        int side = Math.max(height / 5, 1);
        int offset = Math.max(Math.floorDiv(height - side * 5, 2), 0);
        double[] delta = new double[x.length];
        for (int bh = 0, top = offset; bh < height / side; bh++, top += side) {
            for (int bw = 0, left = offset; bw < width / side; bw++, left += side) {
                double[] patch = Eta.pattern(side, rng.nextDouble() > 0.5);
                for (int c = 0; c < channels; c++) {
                    int sign = Pixels.sign(rng);
                    int[] cells = Pixels.window(c, top, left, side, height, width);
                    for (int k = 0; k < cells.length; k++) {
                        if (cells[k] >= 0) {
                            delta[cells[k]] += sign * patch[k];
                        }
                    }
                }
            }
        }
        return Pixels.addScaled(x, delta, eps / (Pixels.norm(delta) + TINY));
    }

    /**
     * Window 1 gets, per channel, a signed fresh patch plus its old content (unit-normalised), scaled to take the
     * budget left in the ball plus the mass of windows 1 and 2; window 2 is zeroed; then the whole perturbation is
     * rescaled to norm eps and the image clamped to [0, 1].
     */
    @Override
    public float[] next(float[] x, float[] best, int iteration, RandomGenerator rng) {
        int side = PSchedule.l2Side(PSchedule.p(pInit, iteration), height, width);
        int top1 = PSchedule.corner(rng, height, side);
        int left1 = PSchedule.corner(rng, width, side);
        int top2 = PSchedule.corner(rng, height, side);
        int left2 = PSchedule.corner(rng, width, side);
        double[] delta = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            delta[i] = (double) best[i] - x[i];
        }
        double imageNorm = Pixels.norm(delta);
        double windowsNorm = Math.sqrt(unionSquaredSum(delta, top1, left1, top2, left2, side));
        double target = Math.sqrt(Math.max(eps * eps - imageNorm * imageNorm, 0) / channels
                + windowsNorm * windowsNorm);
        double[] patch = Eta.pattern(side, rng.nextDouble() > 0.5);
        double[][] fresh = new double[channels][];
        for (int c = 0; c < channels; c++) {
            fresh[c] = freshWindow(delta, Pixels.window(c, top1, left1, side, height, width), patch,
                    Pixels.sign(rng), target);
        }
        for (int c = 0; c < channels; c++) {
            for (int i : Pixels.window(c, top2, left2, side, height, width)) {
                delta[i] = 0;
            }
        }
        for (int c = 0; c < channels; c++) {
            int[] cells = Pixels.window(c, top1, left1, side, height, width);
            for (int k = 0; k < cells.length; k++) {
                delta[cells[k]] = fresh[c][k];
            }
        }
        return Pixels.addScaled(x, delta, eps / (Pixels.norm(delta) + TINY));
    }

    /** sign * patch + old window / |old window|, scaled to L2 norm {@code target}. */
    private static double[] freshWindow(double[] delta, int[] cells, double[] patch, int sign, double target) {
        double[] old = new double[cells.length];
        for (int k = 0; k < cells.length; k++) {
            old[k] = delta[cells[k]];
        }
        double oldNorm = Pixels.norm(old);
        double[] out = new double[old.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = sign * patch[k] + old[k] / (TINY + oldNorm);
        }
        double scale = target / (TINY + Pixels.norm(out));
        for (int k = 0; k < out.length; k++) {
            out[k] *= scale;
        }
        return out;
    }

    /** Sum of squares of delta over both windows together (overlap counted once), all channels. */
    private double unionSquaredSum(double[] delta, int top1, int left1, int top2, int left2, int side) {
        int plane = height * width;
        boolean[] covered = new boolean[plane];
        for (int i : Pixels.window(0, top1, left1, side, height, width)) {
            covered[i] = true;
        }
        for (int i : Pixels.window(0, top2, left2, side, height, width)) {
            covered[i] = true;
        }
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < plane; p++) {
                if (covered[p]) {
                    sum += delta[c * plane + p] * delta[c * plane + p];
                }
            }
        }
        return sum;
    }
}
