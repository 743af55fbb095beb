package dev.mixguard.api.v2;

import dev.mixguard.api.BatchTooLargeException;
import dev.mixguard.api.TensorShape;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.Knobs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an infer request's inputs into the model's images and knobs: checks names, datatypes, shapes and
 * values, and scales UINT8 pixels to [0, 1].
 */
final class InferInputs {

    /** The images, one flat CHW array each, and the knobs to run them under. */
    record Decoded(List<float[]> images, Knobs knobs) {
    }

    private InferInputs() {
    }

    /** Decodes the inputs; knob inputs are allowed only when {@code overrides} is true. */
    static Decoded decode(List<InputTensor> inputs, LoadedModel model, boolean overrides, int maxBatch) {
        String imageName = model.spec().input().name();
        Map<String, InputTensor> byName = new HashMap<>();
        for (InputTensor input : inputs) {
            if (byName.put(input.name(), input) != null) {
                throw new InvalidInputException("expected each input once, found \"" + input.name() + "\" twice");
            }
            if (!input.name().equals(imageName) && !(overrides && Knobs.NAMES.contains(input.name()))) {
                throw new InvalidInputException(Knobs.NAMES.contains(input.name())
                        ? "expected no knob inputs (mixguard.knobs.request-overrides is false), found \""
                                + input.name() + "\""
                        : "expected inputs among " + names(imageName, overrides) + ", found \"" + input.name() + "\"");
            }
        }
        InputTensor image = byName.get(imageName);
        if (image == null) {
            throw new InvalidInputException("expected input \"" + imageName + "\", found only " + byName.keySet());
        }
        Knobs knobs = model.defaultKnobs().with(knob(byName.get(Knobs.GAMMA_BIAS)),
                knob(byName.get(Knobs.ALPHA_LOW)), knob(byName.get(Knobs.ALPHA_HIGH)));
        return new Decoded(images(image, model.inputShape(), maxBatch), knobs);
    }

    private static List<float[]> images(InputTensor input, ImageShape shape, int maxBatch) {
        String owner = "input \"" + input.name() + "\"";
        float[] values = input.values();
        int count;
        try {
            count = TensorShape.check(owner, input.shape(), values.length, shape, maxBatch);
        } catch (BatchTooLargeException e) {
            throw new InvalidInputException(owner + ": " + e.getMessage());
        }
        float divisor = pixelDivisor(input);
        if (count == 1 && divisor == 1f) {
            return List.of(values);
        }
        List<float[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] image = Arrays.copyOfRange(values, i * shape.size(), (i + 1) * shape.size());
            if (divisor != 1f) {
                for (int j = 0; j < image.length; j++) {
                    image[j] /= divisor;
                }
            }
            images.add(image);
        }
        return images;
    }

    /** 1 for FP32 values in [0, 1], 255 for UINT8 values 0 to 255; throws on anything else. */
    private static float pixelDivisor(InputTensor input) {
        boolean bytes = Datatypes.width(input.name(), input.datatype()) == 1;
        float[] values = input.values();
        float max = bytes ? 255f : 1f;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!(v >= 0f && v <= max) || (bytes && v != Math.rint(v))) {
                String range = bytes ? "that are integers 0 to 255" : "in [0, 1] (send UINT8 for 0 to 255 pixels)";
                throw new InvalidInputException("input \"" + input.name() + "\": expected " + input.datatype()
                        + " values " + range + ", found " + v + " at index " + i);
            }
        }
        return max;
    }

    private static Float knob(InputTensor input) {
        if (input == null) {
            return null;
        }
        if (!Datatypes.FP32.equals(input.datatype()) || !input.shape().equals(List.of(1L))
                || input.values().length != 1) {
            throw new InvalidInputException("input \"" + input.name() + "\": expected FP32 of shape [1] with one "
                    + "value, found " + input.datatype() + " of shape " + TensorShape.text(input.shape()) + " with "
                    + input.values().length + " values");
        }
        return input.values()[0];
    }

    private static List<String> names(String imageName, boolean overrides) {
        List<String> names = new ArrayList<>(List.of(imageName));
        if (overrides) {
            names.addAll(Knobs.NAMES);
        }
        return names;
    }
}
