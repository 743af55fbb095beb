package dev.mixguard.api.probe.selfcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixguard.api.JsonErrors;
import dev.mixguard.api.probe.BundledProbeSet;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.SpecParser;
import dev.mixguard.model.FileErrors;
import dev.mixguard.model.Knobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the pipeline recorded next to a model's bundled probe set when it packaged the model (probe-set.json): how
 * many images, the knobs PyTorch ran at, how many it classified correctly, and its predictions.
 */
record ProbeSetRecord(int count, Knobs knobs, int correct, int[] predictions) {

    /** The record's file in a model folder. */
    static final String FILE = "probe-set.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The record of {@code model}'s probe set; NoProbeSetException when a file is missing, BrokenProbeSetException
     * when the record disagrees with itself or with the images.
     */
    static ProbeSetRecord read(LoadedModel model) {
        Path file = model.file().resolveSibling(FILE);
        if (!BundledProbeSet.present(model) || !Files.isRegularFile(file)) {
            throw new NoProbeSetException("model \"" + model.name() + "\": expected a bundled probe set with its "
                    + "recorded clean count (" + String.join(", ", List.of(BundledProbeSet.IMAGES_FILE,
                    BundledProbeSet.LABELS_FILE, FILE)) + " in its folder), found " + (Files.isRegularFile(file)
                    ? "no IDX files" : "no " + FILE));
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw broken(model, "expected readable JSON, found: " + JsonErrors.found(e));
        } catch (IOException e) {
            throw broken(model, "expected readable JSON, found the file unreadable: " + FileErrors.describe(e));
        }
        int count = integer(model, root, "count", 1, BundledProbeSet.size(model));
        int correct = integer(model, root, "pytorch_correct", 0, count);
        return new ProbeSetRecord(count, knobs(model, root.path("knobs")), correct, predictions(model, root, count));
    }

    /** An integer field from {@code min} to {@code max} (for "count", the images the IDX files hold). */
    private static int integer(LoadedModel model, JsonNode root, String field, int min, int max) {
        JsonNode node = root.path(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw broken(model, "field \"" + field + "\": expected an integer " + min + " to " + max + ", found "
                    + (node.isMissingNode() ? "none" : node));
        }
        return node.asInt();
    }

    private static Knobs knobs(LoadedModel model, JsonNode node) {
        if (!node.isObject()) {
            throw broken(model, "field \"knobs\": expected an object, found " + (node.isMissingNode() ? "none" : node));
        }
        try {
            return SpecParser.knobs(node);
        } catch (IllegalArgumentException e) {
            throw broken(model, "knobs: " + e.getMessage());
        }
    }

    /** PyTorch's predictions, or null when the record holds none. */
    private static int[] predictions(LoadedModel model, JsonNode root, int count) {
        JsonNode node = root.path("pytorch_predictions");
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.isArray() || node.size() != count) {
            throw broken(model, "field \"pytorch_predictions\": expected an array of " + count + " class indices, "
                    + "found " + (node.isArray() ? "an array of " + node.size() : node.getNodeType()));
        }
        int[] predictions = new int[count];
        for (int i = 0; i < count; i++) {
            predictions[i] = node.get(i).asInt(-1);
        }
        return predictions;
    }

    private static BrokenProbeSetException broken(LoadedModel model, String problem) {
        return new BrokenProbeSetException("model \"" + model.name() + "\": " + FILE + " " + problem);
    }
}
