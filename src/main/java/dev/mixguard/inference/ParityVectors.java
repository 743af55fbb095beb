package dev.mixguard.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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
        return Optional.of(parse(ParityFile.read(file), spec));
    }

    private static ParityVectors parse(ParityFile file, ModelSpec spec) {
        ImageShape shape = spec.input().shape();
        int count = count(file.field("shape"), shape);
        float[] flat = floats(file, "inputs", count * shape.size());
        List<float[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(Arrays.copyOfRange(flat, i * shape.size(), (i + 1) * shape.size()));
        }
        Map<ParityOutput, float[]> expected = new EnumMap<>(ParityOutput.class);
        for (ParityOutput output : ParityOutput.values()) {
            expected.put(output, floats(file, "outputs." + output.id(), count * output.width(spec.numClasses())));
        }
        return new ParityVectors(knobs(file.field("knobs")), inputs, expected);
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

    private static float[] floats(ParityFile file, String path, int expected) {
        float[] values = file.arrays().get(path);
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(FILE + " field \"" + path + "\": expected an array of " + expected
                    + " numbers, found " + (values == null ? "none" : "an array of " + values.length));
        }
        return values;
    }
}
