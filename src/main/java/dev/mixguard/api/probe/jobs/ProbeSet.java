package dev.mixguard.api.probe.jobs;

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

/** The labelled images a job probes: a model's bundled probe set (IDX files beside model.onnx) or upload labels. */
final class ProbeSet {

    /** The bundled probe set's images, uint8 IDX, in the model's folder. */
    static final String IMAGES_FILE = "probe-images.idx";
    /** Their labels, uint8 IDX. */
    static final String LABELS_FILE = "probe-labels.idx";

    private ProbeSet() {
    }

    /** The first {@code first} images of the bundled set (all of it up to {@code maxImages} when null). */
    static List<LabelledImage> read(LoadedModel model, Integer first, int maxImages) {
        Path folder = model.file().getParent();
        Path imagesFile = folder.resolve(IMAGES_FILE);
        Path labelsFile = folder.resolve(LABELS_FILE);
        if (!Files.isRegularFile(imagesFile) || !Files.isRegularFile(labelsFile)) {
            throw new InvalidInputException("model \"" + model.name() + "\": expected a bundled probe set ("
                    + IMAGES_FILE + " and " + LABELS_FILE + " in its folder), found none; upload images instead");
        }
        try {
            int size = Math.min(IdxReader.count(imagesFile), IdxReader.count(labelsFile));
            int n = first != null ? first : Math.min(size, maxImages);
            if (n < 1 || n > maxImages || n > size) {
                throw new InvalidInputException("first: expected 1 to " + Math.min(size, maxImages) + " (the probe "
                        + "set holds " + size + ", mixguard.probe.max-job-images is " + maxImages + "), found " + n);
            }
            List<float[]> images = IdxReader.images(imagesFile, model.inputShape(), n);
            int[] labels = IdxReader.labels(labelsFile, n);
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

    /** Parses "3,1,4": exactly {@code count} integers from 0 to classes - 1. */
    static int[] parseLabels(String text, int count, int classes) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("labels: expected " + count + " comma-separated class indices (one per "
                    + "image), found none");
        }
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new InvalidInputException("labels: expected " + count + " comma-separated class indices (one per "
                    + "image), found " + parts.length);
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                labels[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("labels[" + i + "]: expected an integer, found \"" + parts[i] + "\"");
            }
            checkLabel(labels[i], classes, "labels[" + i + "]");
        }
        return labels;
    }

    private static void checkLabel(int label, int classes, String where) {
        if (label < 0 || label >= classes) {
            throw new InvalidInputException(where + ": expected a class index 0 to " + (classes - 1) + ", found "
                    + label);
        }
    }
}
