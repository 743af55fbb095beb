package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.probe.BundledProbeSet;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.probe.LabelledImage;
import java.util.List;

/** The labelled images a job probes: the first images of a model's bundled probe set, or upload labels. */
final class ProbeSet {

    private ProbeSet() {
    }

    /** The first {@code first} images of the bundled set (all of it up to {@code maxImages} when null). */
    static List<LabelledImage> read(LoadedModel model, Integer first, int maxImages) {
        if (!BundledProbeSet.present(model)) {
            throw new InvalidInputException("model \"" + model.name() + "\": expected a bundled probe set ("
                    + BundledProbeSet.IMAGES_FILE + " and " + BundledProbeSet.LABELS_FILE + " in its folder), found "
                    + "none; upload images instead");
        }
        int size = BundledProbeSet.size(model);
        int n = first != null ? first : Math.min(size, maxImages);
        if (n < 1 || n > maxImages || n > size) {
            throw new InvalidInputException("first: expected 1 to " + Math.min(size, maxImages) + " (the probe "
                    + "set holds " + size + ", mixguard.probe.max-job-images is " + maxImages + "), found " + n);
        }
        return BundledProbeSet.read(model, n);
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
            BundledProbeSet.checkLabel(labels[i], classes, "labels[" + i + "]");
        }
        return labels;
    }
}
