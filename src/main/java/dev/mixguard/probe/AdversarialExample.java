package dev.mixguard.probe;

import dev.mixguard.model.Scores;

/** A misclassified input found inside the ball, what the model says there, and the perturbation's norms. */
public record AdversarialExample(float[] image, int predictedClass, float alpha, float margin, double linf,
        double l2) {

    /** The example at {@code image} near clean {@code x}, scored {@code scores}, against {@code label}. */
    static AdversarialExample of(float[] x, float[] image, Scores scores, int label) {
        return new AdversarialExample(image, beatingClass(scores, label), scores.alpha(), scores.margin(label),
                Norm.linf(x, image), Norm.l2(x, image));
    }

    /**
     * The predicted class, or, on an exact tie with the label (margin 0, which AutoAttack counts as success), the
     * highest other class.
     */
    private static int beatingClass(Scores scores, int label) {
        int predicted = scores.predictedClass();
        if (predicted != label) {
            return predicted;
        }
        float[] logProbs = scores.logProbs();
        int best = -1;
        for (int i = 0; i < logProbs.length; i++) {
            if (i != label && (best < 0 || logProbs[i] > logProbs[best])) {
                best = i;
            }
        }
        return best;
    }
}
