package dev.mixguard.inference;

import dev.mixguard.model.Knobs;
import dev.mixguard.model.Scores;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request waiting in a batcher: its images, knobs and deadline, how much of it batches have taken, the
 * scores its slices brought back, and the future its caller waits on.
 */
final class PendingRequest {

    private final List<float[]> images;
    private final Knobs knobs;
    private final long enqueuedNanos;
    private final long deadlineNanos;
    private final Scores[] scores;
    private final AtomicInteger unfinished;
    private final AtomicLong computeNanos = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final CompletableFuture<BatchResult> future = new CompletableFuture<>();
    /** Images handed to batches so far; guarded by the queue's lock. */
    private int taken;
    /** When its first images were taken into a batch; written under the queue's lock before any run. */
    private long firstTakenNanos;

    PendingRequest(List<float[]> images, Knobs knobs, long enqueuedNanos, long timeoutNanos) {
        this.images = images;
        this.knobs = knobs;
        this.enqueuedNanos = enqueuedNanos;
        this.deadlineNanos = enqueuedNanos + timeoutNanos;
        this.scores = new Scores[images.size()];
        this.unfinished = new AtomicInteger(images.size());
    }

    Knobs knobs() {
        return knobs;
    }

    int size() {
        return images.size();
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    CompletableFuture<BatchResult> future() {
        return future;
    }

    /** Images not yet handed to a batch. */
    int remaining() {
        return images.size() - taken;
    }

    /** Whether none of it has run and its deadline has passed at {@code now}. */
    boolean expiredAt(long now) {
        return taken == 0 && now - deadlineNanos > 0;
    }

    /** Nanoseconds it has waited at {@code now}. */
    long waitedAt(long now) {
        return now - enqueuedNanos;
    }

    /** Hands its next {@code count} images to a batch formed at {@code now}. */
    Slice take(int count, long now) {
        if (taken == 0) {
            firstTakenNanos = now;
        }
        Slice slice = new Slice(this, taken, taken + count);
        taken += count;
        return slice;
    }

    /** The images of one slice. */
    List<float[]> images(Slice slice) {
        return images.subList(slice.from(), slice.to());
    }

    /**
     * Stores the scores of one slice run in a batch of {@code batchSize}; true when this was its last slice,
     * after which {@link #result()} holds everything.
     */
    boolean fill(Slice slice, List<Scores> sliceScores, long runNanos, int batchSize) {
        for (int i = 0; i < sliceScores.size(); i++) {
            scores[slice.from() + i] = sliceScores.get(i);
        }
        computeNanos.addAndGet(runNanos);
        largestBatch.accumulateAndGet(batchSize, Math::max);
        return unfinished.addAndGet(-slice.size()) == 0;
    }

    /** The complete result; only once {@link #fill} has returned true. */
    BatchResult result() {
        return new BatchResult(Arrays.asList(scores), firstTakenNanos - enqueuedNanos, computeNanos.get(),
                largestBatch.get());
    }

    /** One request's share of a batch: its images {@code from} (inclusive) to {@code to} (exclusive). */
    record Slice(PendingRequest request, int from, int to) {

        int size() {
            return to - from;
        }
    }
}
