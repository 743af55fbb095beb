package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.Scores;
import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime, as the service runs it, reproduces the outputs PyTorch recorded in parity.json within 1e-4,
 * relative to the value where its magnitude exceeds 1 (a log-probability of -11 carries fp32 rounding of
 * about 1e-4 after a deep graph; below magnitude 1 the bound is absolute).
 */
@QuarkusTest
class ParityTest {

    private static final double TOLERANCE = 1e-4;

    @Inject
    ModelRegistry registry;

    @Test
    void parityVectorsReproduceWithin1e4() {
        JsonNode parity = BundledModel.json("parity.json");
        LoadedModel model = registry.get(BundledModel.NAME);
        JsonNode shape = parity.get("shape");
        int count = shape.get(0).asInt();
        int size = model.inputShape().size();
        assertEquals(size, shape.get(1).asInt() * shape.get(2).asInt() * shape.get(3).asInt());

        JsonNode inputs = parity.get("inputs");
        List<float[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] image = new float[size];
            for (int j = 0; j < size; j++) {
                image[j] = (float) inputs.get(i * size + j).asDouble();
            }
            images.add(image);
        }
        JsonNode knobs = parity.get("knobs");
        List<Scores> scores = model.run(images, new Knobs((float) knobs.get("gamma_bias").asDouble(),
                (float) knobs.get("alpha_low").asDouble(), (float) knobs.get("alpha_high").asDouble()));

        JsonNode outputs = parity.get("outputs");
        compare("log_probs", outputs.get("log_probs"), scores, Scores::logProbs);
        compare("std_logits", outputs.get("std_logits"), scores, Scores::stdLogits);
        compare("rob_logits", outputs.get("rob_logits"), scores, Scores::robLogits);
        compare("alpha", outputs.get("alpha"), scores, s -> new float[] {s.alpha()});
    }

    private static void compare(String name, JsonNode expected, List<Scores> scores, Function<Scores, float[]> get) {
        int width = get.apply(scores.get(0)).length;
        assertEquals(expected.size(), scores.size() * width, name + " value count");
        for (int i = 0; i < scores.size(); i++) {
            float[] actual = get.apply(scores.get(i));
            for (int k = 0; k < width; k++) {
                double want = expected.get(i * width + k).asDouble();
                assertEquals(want, actual[k], TOLERANCE * Math.max(1.0, Math.abs(want)),
                        name + "[" + i + "][" + k + "]");
            }
        }
    }
}
