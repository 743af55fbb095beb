package dev.mixguard.probe;

import dev.mixguard.model.Classifier;
import dev.mixguard.model.Scores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The probe's only way to the model: counts queries per image and refuses, before the call, any past the cap. */
final class CountingClassifier {

    private final Classifier delegate;
    private final int maxQueriesPerImage;
    private final Map<Integer, Integer> used = new HashMap<>();
    private long totalQueries;
    private long calls;

    CountingClassifier(Classifier delegate, int maxQueriesPerImage) {
        this.delegate = delegate;
        this.maxQueriesPerImage = maxQueriesPerImage;
    }

    /**
     * Classifies {@code images.get(i)} as image {@code ids[i]}: one model call, one query charged to each id.
     *
     * @throws IllegalStateException if any id has no query left; then nothing is run and nothing is charged
     */
    List<Scores> classify(int[] ids, List<float[]> images) {
        if (ids.length != images.size()) {
            throw new IllegalArgumentException("expected one id per image, found " + ids.length + " ids for "
                    + images.size() + " images");
        }
        for (int id : ids) {
            if (remaining(id) < 1) {
                throw new IllegalStateException("image " + id + " has used all " + maxQueriesPerImage + " queries");
            }
        }
        List<Scores> scores = delegate.classify(images);
        if (scores.size() != images.size()) {
            throw new IllegalStateException("expected " + images.size() + " scores from the model, found "
                    + scores.size());
        }
        for (int id : ids) {
            used.merge(id, 1, Integer::sum);
        }
        totalQueries += ids.length;
        calls++;
        return scores;
    }

    /** Forward passes already charged to image {@code id}. */
    int used(int id) {
        return used.getOrDefault(id, 0);
    }

    /** Forward passes image {@code id} may still have. */
    int remaining(int id) {
        return maxQueriesPerImage - used(id);
    }

    /** Forward passes charged to all images together. */
    long totalQueries() {
        return totalQueries;
    }

    /** Number of model calls (batches) made. */
    long calls() {
        return calls;
    }
}
