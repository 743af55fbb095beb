package dev.mixguard.inference;

import dev.mixguard.model.Scores;
import java.util.List;
import java.util.function.Function;

/** The fused graph's four outputs as parity vectors record them: name, values per image, and width. */
public enum ParityOutput {
    LOG_PROBS("log_probs", Scores::logProbs, true),
    ALPHA("alpha", scores -> new float[] {scores.alpha()}, false),
    STD_LOGITS("std_logits", Scores::stdLogits, true),
    ROB_LOGITS("rob_logits", Scores::robLogits, true);

    private final String id;
    private final Function<Scores, float[]> values;
    private final boolean perClass;

    ParityOutput(String id, Function<Scores, float[]> values, boolean perClass) {
        this.id = id;
        this.values = values;
        this.perClass = perClass;
    }

    /** The output's name in the graph and in parity.json. */
    public String id() {
        return id;
    }

    /** Values per image: one per class, or one. */
    int width(int classes) {
        return perClass ? classes : 1;
    }

    /** This output's values for a run's images, flat and row-major, as parity.json holds them. */
    float[] flatten(List<Scores> scores, int classes) {
        int width = width(classes);
        float[] flat = new float[scores.size() * width];
        for (int i = 0; i < scores.size(); i++) {
            System.arraycopy(values.apply(scores.get(i)), 0, flat, i * width, width);
        }
        return flat;
    }
}
