package dev.mixguard.model;

/** Channels, height and width of one model input image (CHW layout). */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "expected positive channels, height and width, found " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of float values in one image. */
    public int size() {
        return channels * height * width;
    }
}
