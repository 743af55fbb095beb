package dev.mixguard.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import dev.mixguard.model.Scores;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/** Turns the fused graph's four outputs into one {@link Scores} per image, checking their sizes. */
final class ScoresReader {

    private ScoresReader() {
    }

    /** Reads the outputs of a run over {@code batch} images and {@code classes} classes. */
    static List<Scores> read(OrtSession.Result result, int batch, int classes) {
        FloatBuffer logProbs = floats(result, "log_probs", batch * classes);
        FloatBuffer alpha = floats(result, "alpha", batch);
        FloatBuffer stdLogits = floats(result, "std_logits", batch * classes);
        FloatBuffer robLogits = floats(result, "rob_logits", batch * classes);
        List<Scores> scores = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            int from = i * classes;
            scores.add(new Scores(row(logProbs, from, classes), alpha.get(alpha.position() + i), row(stdLogits, from, classes),
                    row(robLogits, from, classes)));
        }
        return scores;
    }

    private static float[] row(FloatBuffer values, int from, int length) {
        float[] row = new float[length];
        values.get(values.position() + from, row);
        return row;
    }

    /** The output's values, copied out of ONNX Runtime's memory once. */
    private static FloatBuffer floats(OrtSession.Result result, String name, int expected) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException(
                "output \"" + name + "\": expected it in the run's results, found none"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("output \"" + name + "\": expected a tensor, found " + value.getType());
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer == null || buffer.remaining() != expected) {
            throw new IllegalStateException("output \"" + name + "\": expected " + expected + " floats, found "
                    + (buffer == null ? "a non-float tensor" : buffer.remaining()));
        }
        return buffer;
    }
}
