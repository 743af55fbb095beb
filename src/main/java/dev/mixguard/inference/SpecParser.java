package dev.mixguard.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixguard.model.Colour;
import dev.mixguard.model.InputSpec;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.ThreatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the {@code mixguard.spec} JSON of a fused graph into a {@link ModelSpec}, naming any bad field. */
public final class SpecParser {

    /** The ONNX metadata_props key that holds the spec. */
    public static final String METADATA_KEY = "mixguard.spec";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private SpecParser() {
    }

    /** Parses and checks the spec; throws IllegalArgumentException saying what was expected and found. */
    public static ModelSpec parse(String json) {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected JSON, found a syntax error: " + e.getOriginalMessage());
        }
        requireType(root, "spec", JsonNode::isObject, "an object");
        JsonNode knobs = field(root, "knobs", JsonNode::isObject, "an object");
        JsonNode threat = field(root, "threat_model", JsonNode::isObject, "an object");
        return new ModelSpec(
                text(root, "name"),
                text(root, "version"),
                strings(root, "labels"),
                input(field(root, "input", JsonNode::isObject, "an object")),
                strings(root, "outputs"),
                knobs(knobs),
                number(root, "gamma_scale"),
                number(root, "std_scale"),
                number(root, "rob_scale"),
                new ThreatModel(text(threat, "norm"), decimal(threat, "epsilon"), optionalNumber(threat, "l2_epsilon")),
                optionalNumber(root, "lipschitz"),
                optionalObject(mapper, root, "card"),
                optionalObject(mapper, root, "provenance"));
    }

    /**
     * Reads a knobs object such as the spec's, parity.json's and probe-set.json's: {@code gamma_bias},
     * {@code alpha_low} and {@code alpha_high}; throws IllegalArgumentException naming a missing or bad field.
     */
    public static Knobs knobs(JsonNode node) {
        return new Knobs(number(node, Knobs.GAMMA_BIAS), number(node, Knobs.ALPHA_LOW), number(node, Knobs.ALPHA_HIGH));
    }

    private static InputSpec input(JsonNode node) {
        String colour = text(node, "colour");
        try {
            return new InputSpec(text(node, "name"), integer(node, "channels"), integer(node, "height"),
                    integer(node, "width"), Colour.parse(colour));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field \"input\": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode parent, String name, Predicate<JsonNode> check,
            String expected) {
        JsonNode node = parent.get(name);
        requireType(node, name, check, expected);
        return node;
    }

    private static void requireType(JsonNode node, String name, Predicate<JsonNode> check,
            String expected) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("field \"" + name + "\": expected " + expected + ", found nothing");
        }
        if (!check.test(node)) {
            throw new IllegalArgumentException("field \"" + name + "\": expected " + expected + ", found "
                    + describe(node));
        }
    }

    private static String text(JsonNode parent, String name) {
        return field(parent, name, JsonNode::isTextual, "a string").asText();
    }

    private static float number(JsonNode parent, String name) {
        return (float) decimal(parent, name);
    }

    private static double decimal(JsonNode parent, String name) {
        return field(parent, name, JsonNode::isNumber, "a number").asDouble();
    }

    private static int integer(JsonNode parent, String name) {
        JsonNode node = field(parent, name, JsonNode::isIntegralNumber, "an integer");
        if (node.asInt() <= 0) {
            throw new IllegalArgumentException("field \"" + name + "\": expected a positive integer, found "
                    + node.asInt());
        }
        return node.asInt();
    }

    private static Double optionalNumber(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        requireType(node, name, JsonNode::isNumber, "a number or null");
        return node.asDouble();
    }

    private static Map<String, Object> optionalObject(ObjectMapper mapper, JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        requireType(node, name, JsonNode::isObject, "an object or null");
        return mapper.convertValue(node, JSON_OBJECT);
    }

    private static List<String> strings(JsonNode parent, String name) {
        JsonNode array = field(parent, name, JsonNode::isArray, "an array of strings");
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw new IllegalArgumentException("field \"" + name + "\"[" + i + "]: expected a string, found "
                        + describe(item));
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }
}
