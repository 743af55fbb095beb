package dev.mixguard.api;

import dev.mixguard.model.ImageShape;
import dev.mixguard.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A float tensor sent as JSON: shape [N, C, H, W] and the values flat, row-major, in [0, 1]. */
public record TensorInput(List<Integer> shape, float[] data) {

    /** Checks shape and values against the model and splits the tensor into one flat array per image. */
    public List<float[]> split(ImageShape image, int maxBatch) {
        String expected = "[N," + image.channels() + "," + image.height() + "," + image.width() + "]";
        if (shape == null || data == null) {
            throw new InvalidInputException("tensor: expected \"shape\" " + expected + " and \"data\", found "
                    + (shape == null ? "no shape" : "no data"));
        }
        if (shape.size() != 4 || shape.contains(null) || shape.get(1) != image.channels()
                || shape.get(2) != image.height() || shape.get(3) != image.width()) {
            throw new InvalidInputException("tensor: expected shape " + expected + ", found " + text(shape));
        }
        int count = shape.get(0);
        if (count < 1) {
            throw new InvalidInputException("tensor: expected N >= 1 in shape " + expected + ", found " + text(shape));
        }
        if (count > maxBatch) {
            throw new BatchTooLargeException(maxBatch, count);
        }
        long values = (long) count * image.size();
        if (data.length != values) {
            throw new InvalidInputException("tensor: expected " + values + " values for shape " + text(shape)
                    + ", found " + data.length);
        }
        List<float[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(Arrays.copyOfRange(data, i * image.size(), (i + 1) * image.size()));
        }
        checkRange();
        return images;
    }

    private static String text(List<Integer> dims) {
        return dims.toString().replace(" ", "");
    }

    private void checkRange() {
        for (int i = 0; i < data.length; i++) {
            if (!(data[i] >= 0f && data[i] <= 1f)) {
                throw new InvalidInputException("tensor: expected values in [0, 1], found " + data[i]
                        + " at index " + i);
            }
        }
    }
}
