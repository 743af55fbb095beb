package dev.mixguard.inference;

import dev.mixguard.model.Scores;
import java.util.List;

/**
 * The scores of one batch run, with how long it waited for a thread and how long ONNX Runtime took.
 */
public record BatchResult(List<Scores> scores, long queueNanos, long runNanos) {
}
