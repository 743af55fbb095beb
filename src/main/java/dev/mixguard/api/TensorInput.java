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
        if (shape == null || data == null) {
            throw new InvalidInputException("tensor: expected \"shape\" [N," + image.channels() + ","
                    + image.height() + "," + image.width() + "] and \"data\", found "
                    + (shape == null ? "no shape" : "no data"));
        }
        int count = TensorShape.check("tensor", shape, data.length, image, maxBatch);
        checkRange();
        List<float[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(Arrays.copyOfRange(data, i * image.size(), (i + 1) * image.size()));
        }
        return images;
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
