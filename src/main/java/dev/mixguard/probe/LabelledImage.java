package dev.mixguard.probe;

/** One image to probe (flat CHW in [0, 1]) and its label; a negative label means "attack the clean prediction". */
public record LabelledImage(float[] pixels, int label) {

    /** Marker for an image probed against its own clean prediction. */
    public static final int UNLABELLED = -1;

    public LabelledImage {
        if (pixels == null) {
            throw new IllegalArgumentException("expected an image, found null");
        }
        if (label < UNLABELLED) {
            throw new IllegalArgumentException("expected a label >= 0 (or -1 for none), found " + label);
        }
    }

    /** An image probed against whatever the model predicts for it. */
    public static LabelledImage unlabelled(float[] pixels) {
        return new LabelledImage(pixels, UNLABELLED);
    }

    /** Whether a true label was given. */
    public boolean hasLabel() {
        return label >= 0;
    }
}
