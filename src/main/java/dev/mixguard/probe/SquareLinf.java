package dev.mixguard.probe;

import dev.mixguard.model.ImageShape;
import java.util.random.RandomGenerator;

/**
 * Square attack moves in L-inf, following AutoAttack's {@code square.py} ({@code attack_single_run}, Linf branch).
 *
 * <p>Vertical-stripe start, then per step one random square moved by +-2 eps per channel and projected to the ball
 * and [0, 1]. The side's upper bound of h - 1 is the original Square code's (Andriushchenko et al. 2020).
 *
 * <p>One deliberate difference: AutoAttack draws the square and its signs once for the whole batch; here each
 * image draws its own from its own stream (as the original Square code does), so an image's result does not
 * depend on which other images share its batch. The per-image distribution of moves is the same.
 */
final class SquareLinf implements Proposer {

    private final int channels;
    private final int height;
    private final int width;
    private final float eps;
    private final double pInit;

    SquareLinf(ImageShape shape, double eps, double pInit) {
        this.channels = shape.channels();
        this.height = shape.height();
        this.width = shape.width();
        this.eps = (float) eps;
        this.pInit = pInit;
    }

    /** {@code clamp(x + eps * sign[c, 1, w], 0, 1)}: one random sign per channel and column. */
    @Override
    public float[] start(float[] x, RandomGenerator rng) {
        float[] out = new float[x.length];
        for (int c = 0; c < channels; c++) {
            for (int col = 0; col < width; col++) {
                float shift = eps * Pixels.sign(rng);
                for (int row = 0; row < height; row++) {
                    int i = Pixels.index(c, row, col, height, width);
                    out[i] = Pixels.clamp01(x[i] + shift);
                }
            }
        }
        return out;
    }

    /** One square of side s from the p schedule, each channel moved by +-2 eps, projected to the ball and [0, 1]. */
    @Override
    public float[] next(float[] x, float[] best, int iteration, RandomGenerator rng) {
        int side = PSchedule.linfSide(PSchedule.p(pInit, iteration), height, width);
        int top = PSchedule.corner(rng, height, side);
        int left = PSchedule.corner(rng, width, side);
        float[] out = best.clone();
        for (int c = 0; c < channels; c++) {
            float shift = 2f * eps * Pixels.sign(rng);
            for (int i : Pixels.window(c, top, left, side, height, width)) {
                out[i] = Pixels.project(best[i] + shift, x[i], eps);
            }
        }
        return out;
    }
}
