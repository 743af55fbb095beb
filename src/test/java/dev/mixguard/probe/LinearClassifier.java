package dev.mixguard.probe;

import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A two-class fake whose margin for class 0 is exactly z = w.x + b, so the smallest adversarial distance from an
 * interior point is z / ||w||_1 in L-inf and z / ||w||_2 in L2 (when the [0, 1] box does not bind).
 */
public final class LinearClassifier implements Classifier {

    private final ImageShape shape;
    private final double[] w;
    private final double b;

    public LinearClassifier(ImageShape shape, double[] w, double b) {
        this.shape = shape;
        this.w = w;
        this.b = b;
    }

    /** Weights +-(0.5..1.5) per channel and image quadrant: smooth, so square moves align with them. */
    static double[] blockWeights(ImageShape shape) {
        double[] w = new double[shape.size()];
        int h = shape.height();
        int wd = shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < wd; col++) {
                    double sign = ((c + (2 * r / h) + (2 * col / wd)) % 2 == 0) ? 1 : -1;
                    w[Pixels.index(c, r, col, h, wd)] = sign * (0.5 + (double) (r + col) / (h + wd));
                }
            }
        }
        return w;
    }

    /**
     * {@link #blockWeights} kept only on the central half of the image, zero around it: a concentrated model, the
     * kind L2 Square's windows (which gather mass) suit; on weights spread over the whole image it needs ~2x eps.
     */
    static double[] centralWeights(ImageShape shape) {
        double[] w = blockWeights(shape);
        int h = shape.height();
        int wd = shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < wd; col++) {
                    boolean central = r >= h / 4 && r < h - h / 4 && col >= wd / 4 && col < wd - wd / 4;
                    if (!central) {
                        w[Pixels.index(c, r, col, h, wd)] = 0;
                    }
                }
            }
        }
        return w;
    }

    /** Gaussian weights from {@code seed}. */
    static double[] gaussianWeights(ImageShape shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[shape.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        return w;
    }

    /** The classifier on which {@code x} has class-0 margin {@code distance * ||w||} in {@code norm}. */
    static LinearClassifier atDistance(ImageShape shape, double[] w, float[] x, Norm norm, double distance) {
        double dual = norm == Norm.LINF ? l1(w) : l2(w);
        return new LinearClassifier(shape, w, distance * dual - dot(w, x));
    }

    /** Exact class-0 margin at {@code x}. */
    double margin(float[] x) {
        return dot(w, x) + b;
    }

    @Override
    public ImageShape inputShape() {
        return shape;
    }

    @Override
    public int numClasses() {
        return 2;
    }

    @Override
    public List<Scores> classify(List<float[]> images) {
        List<Scores> out = new ArrayList<>(images.size());
        for (float[] x : images) {
            double z = margin(x);
            float[] logProbs = {(float) -softplus(-z), (float) -softplus(z)};
            out.add(new Scores(logProbs, 0.5f + 0.4f * x[0], new float[] {(float) z, 0f},
                    new float[] {(float) (z / 2), 0f}));
        }
        return out;
    }

    private static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    private static double dot(double[] w, float[] x) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * x[i];
        }
        return sum;
    }

    private static double l1(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += Math.abs(v);
        }
        return sum;
    }

    private static double l2(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
