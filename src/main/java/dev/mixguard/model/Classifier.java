package dev.mixguard.model;

import java.util.List;

/** A batch of images in, mixed log-probabilities and alpha out: all that attacks and callers need of a model. */
public interface Classifier {

    /** The geometry every image handed to {@link #classify} must have. */
    ImageShape inputShape();

    /** Number of classes K in every score vector. */
    int numClasses();

    /**
     * Runs the model on a batch. Each image is a flat CHW float array of {@link ImageShape#size()} values
     * in [0, 1]. Returns one {@link Scores} per image, in order.
     */
    List<Scores> classify(List<float[]> images);
}
