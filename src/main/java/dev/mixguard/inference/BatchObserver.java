package dev.mixguard.inference;

import dev.mixguard.model.Scores;
import java.util.List;

/** Hears what one model's batcher does, for metrics; called on the batcher's threads, so it must be quick. */
public interface BatchObserver {

    /** Ignores everything. */
    BatchObserver NONE = new BatchObserver() {
        @Override
        public void executed(int batchSize, long computeNanos, List<Scores> scores) {
        }

        @Override
        public void succeeded(int images, long queueNanos, long computeNanos, long totalNanos) {
        }

        @Override
        public void failed(Failure failure) {
        }
    };

    /** Why a request failed, named after Triton's failure reasons where one fits. */
    enum Failure {
        /** The queue was full. */
        REJECTED,
        /** Its deadline passed while it waited. */
        TIMEOUT,
        /** ONNX Runtime failed on its batch. */
        BACKEND,
        /** The batcher shut down first, or the caller gave up (e.g. disconnected) before it ran. */
        CANCELED
    }

    /** One model run of {@code batchSize} images took {@code computeNanos} and gave these scores. */
    void executed(int batchSize, long computeNanos, List<Scores> scores);

    /** A request of {@code images} images finished: time queued, in its runs, and from submission to the end. */
    void succeeded(int images, long queueNanos, long computeNanos, long totalNanos);

    /** A request failed. */
    void failed(Failure failure);
}
