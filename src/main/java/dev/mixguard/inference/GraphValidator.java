package dev.mixguard.inference;

import dev.mixguard.model.InputSpec;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks that a spec and the graph it came with agree on inputs, outputs, shapes and the number of classes. */
public final class GraphValidator {

    private static final String FLOAT = "FLOAT";

    private GraphValidator() {
    }

    /** Throws IllegalArgumentException naming the first disagreement found. */
    public static void validate(ModelSpec spec, GraphSignature graph) {
        if (!Set.copyOf(spec.outputs()).containsAll(ModelSpec.REQUIRED_OUTPUTS)) {
            throw new IllegalArgumentException("spec field \"outputs\": expected " + ModelSpec.REQUIRED_OUTPUTS
                    + ", found " + spec.outputs());
        }
        Set<String> expectedInputs = new LinkedHashSet<>();
        expectedInputs.add(spec.input().name());
        expectedInputs.addAll(Knobs.NAMES);
        sameNames("inputs", expectedInputs, graph.inputs().keySet());
        sameNames("outputs", new LinkedHashSet<>(spec.outputs()), graph.outputs().keySet());
        checkImage(spec.input(), graph.inputs().get(spec.input().name()));
        for (String knob : Knobs.NAMES) {
            check("input", knob, graph.inputs().get(knob), new long[] {1});
        }
        int classes = spec.numClasses();
        for (String name : List.of("log_probs", "std_logits", "rob_logits")) {
            check("output", name, graph.outputs().get(name), new long[] {-1, classes});
        }
        check("output", "alpha", graph.outputs().get("alpha"), new long[] {-1});
    }

    private static void sameNames(String what, Set<String> expected, Set<String> found) {
        if (!expected.equals(found)) {
            throw new IllegalArgumentException("graph " + what + ": expected " + expected
                    + " as the spec declares, found " + found);
        }
    }

    private static void checkImage(InputSpec input, GraphSignature.Tensor tensor) {
        long[] expected = {-1, input.channels(), input.height(), input.width()};
        check("input", input.name(), tensor, expected);
        if (tensor.shape()[0] >= 0) {
            throw new IllegalArgumentException("graph input \"" + input.name()
                    + "\": expected a dynamic batch dimension, found " + tensor.shapeText());
        }
    }

    /** Checks type and rank; a fixed expected dim must match unless the graph leaves it dynamic. */
    private static void check(String kind, String name, GraphSignature.Tensor tensor, long[] expected) {
        String where = "graph " + kind + " \"" + name + "\": ";
        if (!FLOAT.equals(tensor.type())) {
            throw new IllegalArgumentException(where + "expected element type FLOAT, found " + tensor.type());
        }
        boolean matches = tensor.shape().length == expected.length;
        for (int i = 0; matches && i < expected.length; i++) {
            matches = expected[i] < 0 || tensor.shape()[i] < 0 || tensor.shape()[i] == expected[i];
        }
        if (!matches) {
            throw new IllegalArgumentException(where + "expected shape " + GraphSignature.shapeText(expected)
                    + ", found " + tensor.shapeText());
        }
    }
}
