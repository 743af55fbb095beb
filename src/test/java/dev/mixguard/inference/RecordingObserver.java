package dev.mixguard.inference;

import dev.mixguard.model.Scores;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what a batcher reports, for tests. */
final class RecordingObserver implements BatchObserver {

    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger images = new AtomicInteger();
    private final Map<Failure, AtomicInteger> failures = new EnumMap<>(Failure.class);

    RecordingObserver() {
        for (Failure failure : Failure.values()) {
            failures.put(failure, new AtomicInteger());
        }
    }

    /** Requests that failed for this reason so far. */
    int failures(Failure failure) {
        return failures.get(failure).get();
    }

    @Override
    public void executed(int batchSize, long computeNanos, List<Scores> scores) {
        batchSizes.add(batchSize);
    }

    @Override
    public void succeeded(int count, long queueNanos, long computeNanos, long totalNanos) {
        succeeded.incrementAndGet();
        images.addAndGet(count);
    }

    @Override
    public void failed(Failure failure) {
        failures.get(failure).incrementAndGet();
    }
}
