package dev.mixguard.inference;

import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a model's parity vectors through its session and measures how far each output strays from them. */
final class ParityRun {

    private ParityRun() {
    }

    /**
     * Runs {@code vectors} on {@code model} at the vectors' knobs, in runs of at most the model's largest run (the
     * batch sizes its session was prepared for), and holds the errors to {@code tolerance}.
     */
    static ParityReport check(LoadedModel model, ParityVectors vectors, SelfCheckPolicy.Tolerance tolerance) {
        List<Scores> scores = new ArrayList<>(vectors.count());
        for (int start = 0; start < vectors.count(); start += model.largestRun()) {
            int end = Math.min(start + model.largestRun(), vectors.count());
            scores.addAll(model.run(vectors.inputs().subList(start, end), vectors.knobs()));
        }
        Map<String, OutputError> errors = new LinkedHashMap<>();
        for (ParityOutput output : ParityOutput.values()) {
            errors.put(output.id(), OutputError.between(vectors.outputs().get(output),
                    output.flatten(scores, model.numClasses())));
        }
        return ParityReport.of(model.provider(), vectors.count(), tolerance, errors);
    }
}
