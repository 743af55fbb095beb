package dev.mixguard.api.probe;

import dev.mixguard.image.IdxReader;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.probe.LabelledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A model's bundled probe set: labelled images as uint8 IDX files beside its model.onnx, read on demand. */
public final class BundledProbeSet {

    /** The probe set's images, uint8 IDX, in the model's folder. */
    public static final String IMAGES_FILE = "probe-images.idx";
    /** Their labels, uint8 IDX. */
    public static final String LABELS_FILE = "probe-labels.idx";

    private BundledProbeSet() {
    }

    /** Whether the model's folder holds both files. */
    public static boolean present(LoadedModel model) {
        return Files.isRegularFile(file(model, IMAGES_FILE)) && Files.isRegularFile(file(model, LABELS_FILE));
    }

    /** How many labelled images it holds: the shorter file's count. */
    public static int size(LoadedModel model) {
        try {
            return Math.min(IdxReader.count(file(model, IMAGES_FILE)), IdxReader.count(file(model, LABELS_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the probe set of model " + model.name(), e);
        }
    }

    /** Its first {@code n} images (at most {@link #size}) with their labels, each checked against the classes. */
    public static List<LabelledImage> read(LoadedModel model, int n) {
        try {
            List<float[]> images = IdxReader.images(file(model, IMAGES_FILE), model.inputShape(), n);
            int[] labels = IdxReader.labels(file(model, LABELS_FILE), n);
            List<LabelledImage> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                checkLabel(labels[i], model.numClasses(), LABELS_FILE + "[" + i + "]");
                out.add(new LabelledImage(images.get(i), labels[i]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the probe set of model " + model.name(), e);
        }
    }

    /** Throws InvalidInputException unless {@code label} is a class index of a model with {@code classes}. */
    public static void checkLabel(int label, int classes, String where) {
        if (label < 0 || label >= classes) {
            throw new InvalidInputException(where + ": expected a class index 0 to " + (classes - 1) + ", found "
                    + label);
        }
    }

    private static Path file(LoadedModel model, String name) {
        return model.file().resolveSibling(name);
    }
}
