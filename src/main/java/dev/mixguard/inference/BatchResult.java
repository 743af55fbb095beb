package dev.mixguard.inference;

import dev.mixguard.model.Scores;
import java.util.List;

/**
 * The scores of one request's images, with how long it waited in the batcher's queue, how long ONNX Runtime
 * took for the batches it ran in, and the largest of those batches.
 */
public record BatchResult(List<Scores> scores, long queueNanos, long runNanos, int batchSize) {
}
