package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.inference.GraphSignature.Tensor;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A spec and its graph must agree on input and output names, element types, shapes and class count. */
class GraphValidatorTest {

    private static final ModelSpec SPEC = SpecParser.parse(SpecParserTest.VALID);

    @Test
    void agreeingGraphPasses() {
        assertDoesNotThrow(() -> GraphValidator.validate(SPEC, graph(inputs -> { }, outputs -> { })));
    }

    @Test
    void missingOrExtraInputsAreNamed() {
        assertError("graph inputs: expected [image, gamma_bias, alpha_low, alpha_high] as the spec declares, "
                + "found [image, gamma_bias, alpha_low]", graph(in -> in.remove("alpha_high"), out -> { }));
        assertError("found [image, gamma_bias, alpha_low, alpha_high, temperature]",
                graph(in -> in.put("temperature", new Tensor("FLOAT", new long[] {1})), out -> { }));
    }

    @Test
    void imageGeometryMustMatchTheSpecAndKeepADynamicBatch() {
        assertError("graph input \"image\": expected shape [?,3,32,30], found [?,1,32,30]",
                graph(in -> in.put("image", new Tensor("FLOAT", new long[] {-1, 1, 32, 30})), out -> { }));
        assertError("graph input \"image\": expected a dynamic batch dimension, found [1,3,32,30]",
                graph(in -> in.put("image", new Tensor("FLOAT", new long[] {1, 3, 32, 30})), out -> { }));
        assertError("graph input \"image\": expected element type FLOAT, found UINT8",
                graph(in -> in.put("image", new Tensor("UINT8", new long[] {-1, 3, 32, 30})), out -> { }));
    }

    @Test
    void classCountAndOutputNamesMustMatchTheSpec() {
        assertError("graph output \"log_probs\": expected shape [?,3], found [?,10]",
                graph(in -> { }, out -> out.put("log_probs", new Tensor("FLOAT", new long[] {-1, 10}))));
        assertError("graph outputs: expected [log_probs, alpha, std_logits, rob_logits] as the spec declares",
                graph(in -> { }, out -> out.remove("rob_logits")));
        assertError("graph input \"gamma_bias\": expected shape [1], found [2]",
                graph(in -> in.put("gamma_bias", new Tensor("FLOAT", new long[] {2})), out -> { }));
    }

    private static GraphSignature graph(Consumer<Map<String, Tensor>> editInputs,
            Consumer<Map<String, Tensor>> editOutputs) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("image", new Tensor("FLOAT", new long[] {-1, 3, 32, 30}));
        for (String knob : Knobs.NAMES) {
            inputs.put(knob, new Tensor("FLOAT", new long[] {1}));
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        outputs.put("log_probs", new Tensor("FLOAT", new long[] {-1, 3}));
        outputs.put("alpha", new Tensor("FLOAT", new long[] {-1}));
        outputs.put("std_logits", new Tensor("FLOAT", new long[] {-1, 3}));
        outputs.put("rob_logits", new Tensor("FLOAT", new long[] {-1, 3}));
        editInputs.accept(inputs);
        editOutputs.accept(outputs);
        return new GraphSignature(inputs, outputs);
    }

    private static void assertError(String expected, GraphSignature graph) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphValidator.validate(SPEC, graph));
        assertEquals(true, e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
