package dev.mixguard.api.classify;

import dev.mixguard.model.Knobs;
import dev.mixguard.model.Prediction;
import java.util.List;

/**
 * Answer to a classify request: one prediction per image in request order, the model and provider that made
 * them, the knobs they were made under, and where the time went.
 */
public record ClassifyResponse(
        String model,
        String version,
        String provider,
        Knobs knobs,
        List<Prediction> predictions,
        Timing timing) {

    /** Milliseconds spent decoding images, waiting for an inference thread, in ONNX Runtime, and in total. */
    public record Timing(double decodeMs, double queueMs, double inferenceMs, double totalMs) {

        static Timing of(long decodeNanos, long queueNanos, long inferenceNanos, long totalNanos) {
            return new Timing(millis(decodeNanos), millis(queueNanos), millis(inferenceNanos), millis(totalNanos));
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 1_000.0) / 1_000.0;
        }
    }
}
