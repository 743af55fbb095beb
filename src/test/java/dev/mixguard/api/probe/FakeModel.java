package dev.mixguard.api.probe;

import dev.mixguard.model.Colour;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.InputSpec;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.ThreatModel;
import dev.mixguard.probe.LinearClassifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A two-class fake on 28x28 grey images with its spec: class 0 ("dark") while the mean pixel is below
 * {@code threshold}, with margin {@code 10 (threshold - mean)}; raising every pixel by more than threshold - mean
 * fools it.
 */
public final class FakeModel {

    static final ImageShape SHAPE = new ImageShape(1, 28, 28);

    private FakeModel() {
    }

    /** The classifier whose class-0 margin is {@code 10 (threshold - mean pixel)}. */
    public static LinearClassifier brightness(double threshold) {
        double[] w = new double[SHAPE.size()];
        Arrays.fill(w, -10.0 / w.length);
        return new LinearClassifier(SHAPE, w, 10 * threshold);
    }

    /** Its spec: labels "dark" and "bright", L-inf 0.1 (L2 1.5), alpha_low 0.6, no Lipschitz constant. */
    public static ModelSpec spec() {
        return new ModelSpec("fake", "1", List.of("dark", "bright"), new InputSpec("image", 1, 28, 28, Colour.GREY),
                ModelSpec.REQUIRED_OUTPUTS, new Knobs(1f, 0.6f, 1f), 1f, 1f, 1f, new ThreatModel("linf", 0.1, 1.5),
                null, Map.of(), Map.of());
    }

    /** An image of uniform grey {@code value}. */
    public static float[] grey(float value) {
        float[] x = new float[SHAPE.size()];
        Arrays.fill(x, value);
        return x;
    }
}
