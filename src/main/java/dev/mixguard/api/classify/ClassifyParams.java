package dev.mixguard.api.classify;

import dev.mixguard.api.QueryValues;
import dev.mixguard.model.Knobs;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Query parameters of a classify request: how many top classes to list and optional knob overrides, read as text
 * so a malformed number is a 400 naming the parameter.
 */
public class ClassifyParams {

    /** Number of classes in each prediction's top-k list; defaults to 5, or K when K is smaller. */
    @RestQuery("top_k")
    String topK;

    /** Overrides the model's gamma_bias (only when mixguard.knobs.request-overrides=true). */
    @RestQuery(Knobs.GAMMA_BIAS)
    String gammaBias;

    /** Overrides the model's alpha_low (only when mixguard.knobs.request-overrides=true). */
    @RestQuery(Knobs.ALPHA_LOW)
    String alphaLow;

    /** Overrides the model's alpha_high (only when mixguard.knobs.request-overrides=true). */
    @RestQuery(Knobs.ALPHA_HIGH)
    String alphaHigh;

    /** The top_k parameter, or null when absent. */
    Integer topK() {
        return QueryValues.integer("top_k", topK);
    }

    /** {@code defaults} with the knobs this request sets. */
    Knobs knobs(Knobs defaults) {
        return defaults.with(QueryValues.floatValue(Knobs.GAMMA_BIAS, gammaBias),
                QueryValues.floatValue(Knobs.ALPHA_LOW, alphaLow), QueryValues.floatValue(Knobs.ALPHA_HIGH, alphaHigh));
    }

    /** Names of the knob parameters this request sets. */
    List<String> knobOverrides() {
        List<String> names = new ArrayList<>();
        String[] values = {gammaBias, alphaLow, alphaHigh};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                names.add(Knobs.NAMES.get(i));
            }
        }
        return names;
    }
}
