package dev.mixguard.inference;

import dev.mixguard.model.Knobs;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batcher's queue hands a drain thread: slices of requests sharing one set of knobs to run together,
 * and requests it dropped because their deadline passed, or their caller gave up, before they ran.
 */
record Batch(Knobs knobs, List<PendingRequest.Slice> slices, List<PendingRequest> expired) {

    /** Number of images to run. */
    int size() {
        return slices.stream().mapToInt(PendingRequest.Slice::size).sum();
    }

    /** The images of every slice, in order. */
    List<float[]> images() {
        List<float[]> images = new ArrayList<>(size());
        for (PendingRequest.Slice slice : slices) {
            images.addAll(slice.request().images(slice));
        }
        return images;
    }
}
