package dev.mixguard.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Small pure functions on score vectors: scaled softmax, exp of log-probabilities, top-k. */
public final class Probabilities {

    private Probabilities() {
    }

    /** softmax(scale * logits), computed stably by subtracting the maximum first. */
    public static float[] softmax(float[] logits, float scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, (double) scale * logit);
        }
        double[] exps = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            exps[i] = Math.exp((double) scale * logits[i] - max);
            sum += exps[i];
        }
        float[] probs = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probs[i] = (float) (exps[i] / sum);
        }
        return probs;
    }

    /** Element-wise exp: turns log-probabilities into probabilities. */
    public static float[] exp(float[] logProbs) {
        float[] probs = new float[logProbs.length];
        for (int i = 0; i < logProbs.length; i++) {
            probs[i] = (float) Math.exp(logProbs[i]);
        }
        return probs;
    }

    /** The k most probable classes, most probable first; ties keep the lower index first. */
    public static List<ClassProbability> topK(float[] probs, List<String> labels, int k) {
        List<ClassProbability> all = new ArrayList<>(probs.length);
        for (int i = 0; i < probs.length; i++) {
            all.add(new ClassProbability(i, labels.get(i), probs[i]));
        }
        all.sort(Comparator.comparingDouble(ClassProbability::probability).reversed()
                .thenComparingInt(ClassProbability::index));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
