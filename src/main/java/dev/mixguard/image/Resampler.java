package dev.mixguard.image;

/**
 * Separable resampling with a triangle (bilinear) filter that widens by the scale factor when shrinking, so
 * every source pixel contributes: the same filter as PIL's {@code Image.resize(BILINEAR)} and torchvision's
 * {@code Resize(antialias=True)}. Same-size resampling is the identity.
 */
final class Resampler {

    private final int[] first;
    private final float[][] weights;

    /** Weights mapping {@code inSize} source samples onto {@code outSize} output samples. */
    Resampler(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double support = Math.max(scale, 1.0);
        first = new int[outSize];
        weights = new float[outSize][];
        for (int i = 0; i < outSize; i++) {
            double centre = (i + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(inSize, (int) Math.ceil(centre + support));
            double[] w = new double[hi - lo];
            double sum = 0;
            for (int j = lo; j < hi; j++) {
                w[j - lo] = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / support));
                sum += w[j - lo];
            }
            first[i] = lo;
            weights[i] = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                weights[i][k] = (float) (w[k] / sum);
            }
        }
    }

    /** Number of output samples. */
    int size() {
        return first.length;
    }

    /** Output sample {@code i}, reading source sample j at {@code source[offset + j * stride]}. */
    float sample(float[] source, int offset, int stride, int i) {
        float value = 0;
        float[] w = weights[i];
        int base = offset + first[i] * stride;
        for (int k = 0; k < w.length; k++) {
            value += w[k] * source[base + k * stride];
        }
        return value;
    }
}
