package dev.mixguard.api.v2;

import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.Scores;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds the output tensors of an infer response from the scores: raw FP32 tensors, or Triton's classification
 * strings {@code "value:index:label"}, each in the JSON or in the binary part (little-endian FP32; BYTES as a
 * 4-byte length then the UTF-8 bytes).
 */
final class InferOutputs {

    /** The outputs for the JSON, and the binary part that follows it (empty when none is binary). */
    record Built(List<OutputTensor> tensors, byte[] binary) {
    }

    private InferOutputs() {
    }

    static Built build(List<OutputPlan> plans, List<Scores> scores, ModelSpec spec) {
        List<OutputTensor> tensors = new ArrayList<>(plans.size());
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (OutputPlan plan : plans) {
            float[][] values = scores.stream().map(s -> values(plan.name(), s)).toArray(float[][]::new);
            if (plan.classification() > 0) {
                List<String> classes = new ArrayList<>(scores.size() * plan.classification());
                for (float[] row : values) {
                    classes.addAll(topK(row, plan.classification(), spec));
                }
                List<Integer> shape = List.of(scores.size(), plan.classification());
                tensors.add(plan.binary() ? binaryTensor(plan, Datatypes.BYTES, shape, strings(classes), binary)
                        : new OutputTensor(plan.name(), Datatypes.BYTES, shape, null, classes));
            } else {
                List<Integer> shape = OutputPlan.ALPHA.equals(plan.name()) ? List.of(scores.size())
                        : List.of(scores.size(), spec.numClasses());
                float[] flat = flatten(values);
                tensors.add(plan.binary() ? binaryTensor(plan, Datatypes.FP32, shape, floats(flat), binary)
                        : new OutputTensor(plan.name(), Datatypes.FP32, shape, null, flat));
            }
        }
        return new Built(tensors, binary.toByteArray());
    }

    private static float[] values(String output, Scores scores) {
        return switch (output) {
            case "log_probs" -> scores.logProbs();
            case OutputPlan.ALPHA -> new float[] {scores.alpha()};
            case "std_logits" -> scores.stdLogits();
            case "rob_logits" -> scores.robLogits();
            default -> throw new IllegalStateException("expected one of " + ModelSpec.REQUIRED_OUTPUTS + ", found "
                    + output);
        };
    }

    /** Triton's classification strings for one image, highest value first (ties by lower index). */
    private static List<String> topK(float[] row, int k, ModelSpec spec) {
        return IntStream.range(0, row.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -row[i]).thenComparingInt(i -> i)).limit(k)
                .map(i -> String.format(Locale.ROOT, "%f:%d:%s", row[i], i, spec.label(i))).toList();
    }

    private static float[] flatten(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static OutputTensor binaryTensor(OutputPlan plan, String datatype, List<Integer> shape, byte[] bytes,
            ByteArrayOutputStream binary) {
        binary.writeBytes(bytes);
        return new OutputTensor(plan.name(), datatype, shape, Map.of("binary_data_size", bytes.length), null);
    }

    private static byte[] floats(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static byte[] strings(List<String> values) {
        List<byte[]> encoded = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
        ByteBuffer buffer = ByteBuffer.allocate(encoded.stream().mapToInt(b -> Integer.BYTES + b.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        encoded.forEach(bytes -> buffer.putInt(bytes.length).put(bytes));
        return buffer.array();
    }
}
