package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixguard.model.Colour;
import dev.mixguard.model.ModelSpec;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reading the mixguard.spec metadata: a valid spec parses, and each kind of bad field is named. */
class SpecParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String VALID = """
            {"name": "m", "version": "2", "labels": ["a", "b", "c"],
             "input": {"name": "image", "channels": 3, "height": 32, "width": 30, "colour": "rgb"},
             "outputs": ["log_probs", "alpha", "std_logits", "rob_logits"],
             "knobs": {"gamma_bias": 1.3, "alpha_low": 0.84, "alpha_high": 0.99},
             "gamma_scale": 2.0, "std_scale": 1.2, "rob_scale": 0.3,
             "threat_model": {"norm": "linf", "epsilon": 0.1, "l2_epsilon": 1.5},
             "lipschitz": 0.7, "card": {"clean_accuracy": 0.9, "notes": null}, "provenance": {"git": "abc"}}
            """;

    @Test
    void validSpecParsesEveryField() {
        ModelSpec spec = SpecParser.parse(VALID);
        assertEquals("m", spec.name());
        assertEquals(List.of("a", "b", "c"), spec.labels());
        assertEquals(Colour.RGB, spec.input().colour());
        assertEquals(32, spec.input().height());
        assertEquals(30, spec.input().width());
        assertEquals(0.84f, spec.knobs().alphaLow());
        assertEquals(0.3f, spec.robScale());
        assertEquals(0.1, spec.threatModel().epsilon());
        assertEquals(0.7, spec.lipschitz());
        assertEquals(0.9, spec.card().get("clean_accuracy"));
        assertTrue(spec.card().containsKey("notes"), "nulls inside the card pass through");
    }

    @Test
    void lipschitzCardAndProvenanceMayBeNullOrAbsent() {
        ModelSpec spec = parseWith(root -> {
            root.putNull("lipschitz");
            root.remove("card");
            root.putNull("provenance");
        });
        assertNull(spec.lipschitz());
        assertTrue(spec.card().isEmpty());
        assertTrue(spec.provenance().isEmpty());
    }

    @Test
    void eachBadFieldIsNamedWithWhatWasExpectedAndFound() {
        assertError("field \"labels\": expected an array of strings, found nothing", root -> root.remove("labels"));
        assertError("field \"gamma_scale\": expected a number, found string \"2\"",
                root -> root.put("gamma_scale", "2"));
        assertError("field \"labels\"[1]: expected a string, found number 7",
                root -> root.putArray("labels").add("a").add(7));
        assertError("expected colour \"grey\" or \"rgb\", found \"gray\"",
                root -> ((ObjectNode) root.get("input")).put("colour", "gray"));
        assertError("field \"input\": expected 3 channel(s) for colour rgb, found 1",
                root -> ((ObjectNode) root.get("input")).put("channels", 1));
        assertError("field \"height\": expected a positive integer, found 0",
                root -> ((ObjectNode) root.get("input")).put("height", 0));
        assertError("expected 0 <= alpha_low <= alpha_high <= 1, found alpha_low=0.84, alpha_high=0.5",
                root -> ((ObjectNode) root.get("knobs")).put("alpha_high", 0.5));
        assertError("expected std_scale > 0 and rob_scale > 0", root -> root.put("std_scale", 0));
        assertError("expected at least 2 labels, found 1", root -> root.putArray("labels").add("only"));
        assertError("expected JSON, found a syntax error", "{\"name\": ");
    }

    private static ModelSpec parseWith(Consumer<ObjectNode> edit) {
        return SpecParser.parse(edited(edit));
    }

    private static String edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(VALID);
            edit.accept(root);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(String expected, Consumer<ObjectNode> edit) {
        assertError(expected, edited(edit));
    }

    private static void assertError(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecParser.parse(json));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
