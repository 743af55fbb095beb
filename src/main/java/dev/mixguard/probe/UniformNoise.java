package dev.mixguard.probe;

import java.util.random.RandomGenerator;

/**
 * The random-noise baseline: fresh uniform samples from the eps-ball, clamped to [0, 1].
 *
 * <p>L-inf samples the box, L2 the solid ball. Candidates ignore the best point, so the baseline shows how much of an
 * attack's success is more than luck.
 */
final class UniformNoise implements Proposer {

    private final Norm norm;
    private final double eps;

    UniformNoise(Norm norm, double eps) {
        this.norm = norm;
        this.eps = eps;
    }

    @Override
    public float[] start(float[] x, RandomGenerator rng) {
        return sample(x, rng);
    }

    @Override
    public float[] next(float[] x, float[] best, int iteration, RandomGenerator rng) {
        return sample(x, rng);
    }

    private float[] sample(float[] x, RandomGenerator rng) {
        double[] delta = new double[x.length];
        if (norm == Norm.LINF) {
            for (int i = 0; i < delta.length; i++) {
                delta[i] = eps * (2 * rng.nextDouble() - 1);
            }
            return Pixels.addScaled(x, delta, 1);
        }
        for (int i = 0; i < delta.length; i++) {
            delta[i] = rng.nextGaussian();
        }
        double radius = eps * Math.pow(rng.nextDouble(), 1.0 / delta.length);
        return Pixels.addScaled(x, delta, radius / Math.max(Pixels.norm(delta), Double.MIN_NORMAL));
    }
}
