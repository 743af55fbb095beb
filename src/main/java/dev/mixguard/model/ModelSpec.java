package dev.mixguard.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fused graph declares about itself in its {@code mixguard.spec} metadata: identity, labels, input
 * geometry, output names, default knobs, logit scales, threat model and the model card.
 *
 * @param lipschitz certified Lipschitz constant of the robust model's probabilities, or null when none
 * @param card the model card's measured numbers, passed through as parsed JSON
 * @param provenance how the model was made, passed through as parsed JSON
 */
public record ModelSpec(
        String name,
        String version,
        List<String> labels,
        InputSpec input,
        List<String> outputs,
        Knobs knobs,
        float gammaScale,
        float stdScale,
        float robScale,
        ThreatModel threatModel,
        Double lipschitz,
        Map<String, Object> card,
        Map<String, Object> provenance) {

    /** The output names every fused graph must have, in the contract's order. */
    public static final List<String> REQUIRED_OUTPUTS = List.of("log_probs", "alpha", "std_logits", "rob_logits");

    public ModelSpec {
        if (labels == null || labels.size() < 2) {
            throw new IllegalArgumentException("expected at least 2 labels, found "
                    + (labels == null ? "none" : labels.size()));
        }
        if (!(stdScale > 0f && robScale > 0f)) {
            throw new IllegalArgumentException("expected std_scale > 0 and rob_scale > 0, found std_scale="
                    + stdScale + ", rob_scale=" + robScale);
        }
        labels = List.copyOf(labels);
        outputs = List.copyOf(outputs);
        card = readOnly(card);
        provenance = readOnly(provenance);
    }

    private static Map<String, Object> readOnly(Map<String, Object> json) {
        return json == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    /** Number of classes K. */
    public int numClasses() {
        return labels.size();
    }

    /** The label of class {@code index}. */
    public String label(int index) {
        return labels.get(index);
    }
}
