package dev.mixguard.model;

/**
 * What the fused graph says about one image: log of the mixed probabilities, the mixing weight alpha on the
 * robust model, and the raw logits of the standard (g) and robust (h) models.
 */
public record Scores(float[] logProbs, float alpha, float[] stdLogits, float[] robLogits) {

    /** Index of the highest mixed log-probability. */
    public int predictedClass() {
        return argmax(logProbs);
    }

    /**
     * Margin loss of the Square attack: log p_y minus the largest other log p. The image is misclassified
     * when this is at most zero.
     */
    public float margin(int label) {
        float other = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logProbs.length; i++) {
            if (i != label && logProbs[i] > other) {
                other = logProbs[i];
            }
        }
        return logProbs[label] - other;
    }

    /** Index of the largest value; the first one on ties. */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
