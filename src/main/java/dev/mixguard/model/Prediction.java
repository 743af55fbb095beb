package dev.mixguard.model;

import java.util.List;

/**
 * Everything the service says about one classified image: the mixed prediction with its top-k, alpha, what
 * the standard model g and the robust model h would each predict alone, and the margin certificate.
 */
public record Prediction(
        int classIndex,
        String label,
        float probability,
        List<ClassProbability> topK,
        float alpha,
        ClassProbability standard,
        ClassProbability robust,
        MarginCertificate certificate) {

    /** Builds the prediction for one image's scores, under the knobs the graph was run with. */
    public static Prediction of(Scores scores, ModelSpec spec, Knobs knobs, int topK) {
        float[] mixed = Probabilities.exp(scores.logProbs());
        int best = scores.predictedClass();
        float[] standardProbs = Probabilities.softmax(scores.stdLogits(), spec.stdScale());
        float[] robustProbs = Probabilities.softmax(scores.robLogits(), spec.robScale());
        return new Prediction(
                best,
                spec.label(best),
                mixed[best],
                Probabilities.topK(mixed, spec.labels(), topK),
                scores.alpha(),
                strongest(standardProbs, spec),
                strongest(robustProbs, spec),
                MarginCertificate.evaluate(robustProbs, knobs.alphaLow()));
    }

    private static ClassProbability strongest(float[] probs, ModelSpec spec) {
        int best = Scores.argmax(probs);
        return new ClassProbability(best, spec.label(best), probs[best]);
    }
}
