package dev.mixguard.api.classify;

import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/** Query parameters of a classify request: how many top classes to list and optional knob overrides. */
public class ClassifyParams {

    /** Number of classes in each prediction's top-k list; defaults to 5, or K when K is smaller. */
    @RestQuery("top_k")
    Integer topK;

    /** Overrides the model's gamma_bias (only when mixguard.knobs.request-overrides=true). */
    @RestQuery("gamma_bias")
    Float gammaBias;

    /** Overrides the model's alpha_low (only when mixguard.knobs.request-overrides=true). */
    @RestQuery("alpha_low")
    Float alphaLow;

    /** Overrides the model's alpha_high (only when mixguard.knobs.request-overrides=true). */
    @RestQuery("alpha_high")
    Float alphaHigh;

    /** Names of the knob parameters this request sets. */
    List<String> knobOverrides() {
        List<String> names = new ArrayList<>();
        if (gammaBias != null) {
            names.add("gamma_bias");
        }
        if (alphaLow != null) {
            names.add("alpha_low");
        }
        if (alphaHigh != null) {
            names.add("alpha_high");
        }
        return names;
    }
}
