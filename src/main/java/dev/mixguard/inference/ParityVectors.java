package dev.mixguard.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model's parity vectors, as the pipeline writes them next to model.onnx: flat CHW inputs, the knobs they ran
 * at, and each output PyTorch computed for them (flat, row-major).
 */
public record ParityVectors(Knobs knobs, List<float[]> inputs, Map<ParityOutput, float[]> outputs) {

    /** The parity vectors' file in a model folder. */
    public static final String FILE = "parity.json";

    /** How many vectors there are. */
    public int count() {
        return inputs.size();
    }

    /**
     * The vectors in {@code folder}, or empty when it holds no parity.json; throws IllegalArgumentException naming
     * what was expected and found when the file disagrees with the spec.
     */
    static Optional<ParityVectors> read(Path folder, ModelSpec spec) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(FILE + ": expected JSON, found a syntax error: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE + ": expected a readable file, found: " + e.getMessage());
        }
        return Optional.of(parse(root, spec));
    }

    private static ParityVectors parse(JsonNode root, ModelSpec spec) {
        ImageShape shape = spec.input().shape();
        int count = count(root.path("shape"), shape);
        float[] flat = floats(root.path("inputs"), "inputs", count * shape.size());
        List<float[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] image = new float[shape.size()];
            System.arraycopy(flat, i * image.length, image, 0, image.length);
            inputs.add(image);
        }
        JsonNode outputs = root.path("outputs");
        Map<ParityOutput, float[]> expected = new EnumMap<>(ParityOutput.class);
        for (ParityOutput output : ParityOutput.values()) {
            expected.put(output, floats(outputs.path(output.id()), "outputs." + output.id(),
                    count * output.width(spec.numClasses())));
        }
        return new ParityVectors(knobs(root.path("knobs")), inputs, expected);
    }

    /** N from a shape [N, C, H, W] whose image part is the model's. */
    private static int count(JsonNode node, ImageShape shape) {
        List<Integer> expected = List.of(shape.channels(), shape.height(), shape.width());
        if (node.isArray() && node.size() == 4 && node.get(0).canConvertToInt() && node.get(0).asInt() > 0) {
            List<Integer> found = List.of(node.get(1).asInt(), node.get(2).asInt(), node.get(3).asInt());
            if (found.equals(expected)) {
                return node.get(0).asInt();
            }
        }
        throw new IllegalArgumentException(FILE + " field \"shape\": expected [N, " + expected.get(0) + ", "
                + expected.get(1) + ", " + expected.get(2) + "] with N >= 1, found " + node);
    }

    private static Knobs knobs(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(FILE + " field \"knobs\": expected an object, found "
                    + (node.isMissingNode() ? "none" : node));
        }
        try {
            return SpecParser.knobs(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FILE + " knobs: " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonNode node, String field, int expected) {
        if (!node.isArray() || node.size() != expected) {
            throw new IllegalArgumentException(FILE + " field \"" + field + "\": expected an array of " + expected
                    + " numbers, found " + (node.isArray() ? "an array of " + node.size()
                    : node.isMissingNode() ? "none" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        float[] values = new float[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber()) {
                throw new IllegalArgumentException(FILE + " field \"" + field + "[" + i + "]\": expected a number, "
                        + "found " + value);
            }
            values[i] = value.floatValue();
        }
        return values;
    }
}
