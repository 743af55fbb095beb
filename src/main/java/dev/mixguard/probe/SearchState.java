package dev.mixguard.probe;

import dev.mixguard.model.Scores;
import java.util.random.RandomGenerator;

/** One image's place in a search (best point, lowest margin, random stream, outcome) and the acceptance rule. */
final class SearchState {

    final int id;
    final float[] x;
    final int label;
    final RandomGenerator rng;
    private float[] best;
    private float bestMargin;
    private float lowestMargin;
    private float[] adversarial;
    private Scores adversarialScores;
    private ProbeStatus status;

    SearchState(int id, float[] x, int label, RandomGenerator rng, float cleanMargin) {
        this.id = id;
        this.x = x;
        this.label = label;
        this.rng = rng;
        this.best = x;
        this.bestMargin = cleanMargin;
        this.lowestMargin = cleanMargin;
    }

    /** Whether the search on this image is still going. */
    boolean running() {
        return status == null;
    }

    /** The best point of the current restart (the clean image before the first start). */
    float[] best() {
        return best;
    }

    /** A restart's start point replaces the best point whatever its margin, as in AutoAttack. */
    void restartFrom(float[] start, Scores scores) {
        take(start, scores.margin(label), scores);
    }

    /** A step's candidate replaces the best point when its margin is strictly lower, or when it misclassifies. */
    void offer(float[] candidate, Scores scores) {
        float margin = scores.margin(label);
        if (margin < bestMargin || margin <= 0) {
            take(candidate, margin, scores);
        }
    }

    private void take(float[] point, float margin, Scores scores) {
        best = point;
        bestMargin = margin;
        lowestMargin = Math.min(lowestMargin, margin);
        if (margin <= 0) {
            adversarial = point;
            adversarialScores = scores;
            status = ProbeStatus.FOUND;
        }
    }

    /** Ends the search on this image with {@code reason} unless it has already ended. */
    void end(ProbeStatus reason) {
        if (status == null) {
            status = reason;
        }
    }

    /** How the search ended; null while it runs. */
    ProbeStatus status() {
        return status;
    }

    /** Lowest margin over every query of this image, the clean one included. */
    float lowestMargin() {
        return lowestMargin;
    }

    /** The misclassified point, or null when none was found. */
    float[] adversarial() {
        return adversarial;
    }

    /** The model's scores at {@link #adversarial()}, or null. */
    Scores adversarialScores() {
        return adversarialScores;
    }
}
