package dev.mixguard.inference;

import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Runs one model's requests in dynamic batches: a bounded {@link RequestQueue} drained by one platform thread
 * per model instance, each taking the next due batch when it is free. Knows nothing about HTTP.
 */
public final class DynamicBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);
    private static final long CLOSE_WAIT_MS = 10_000;

    private final String model;
    private final BatchRunner runner;
    private final BatchPolicy policy;
    private final BatchObserver observer;
    private final LongSupplier clock;
    private final int imageLength;
    private final RequestQueue queue;
    private final List<Thread> drains = new ArrayList<>();

    /** Starts the drain threads of {@code model}, whose images each hold {@code imageLength} floats. */
    public DynamicBatcher(String model, int imageLength, BatchRunner runner, BatchPolicy policy,
            BatchObserver observer) {
        this(model, imageLength, runner, policy, observer, System::nanoTime);
    }

    DynamicBatcher(String model, int imageLength, BatchRunner runner, BatchPolicy policy, BatchObserver observer,
            LongSupplier clock) {
        this.model = model;
        this.imageLength = imageLength;
        this.runner = runner;
        this.policy = policy;
        this.observer = observer;
        this.clock = clock;
        this.queue = new RequestQueue(model, policy, clock);
        for (int i = 1; i <= policy.instances(); i++) {
            Thread thread = new Thread(this::drain, "mixguard-batch-" + model + "-" + i);
            thread.setDaemon(true);
            drains.add(thread);
            thread.start();
        }
    }

    /**
     * Queues a request; its future completes on a drain thread with one Scores per image, or fails with
     * OverloadedException (queue full, deadline passed), ModelUnavailableException (shut down) or
     * InferenceException.
     */
    public CompletableFuture<BatchResult> submit(List<float[]> images, Knobs knobs) {
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).length != imageLength) {
                throw new InvalidInputException("image " + i + ": expected " + imageLength + " values, found "
                        + images.get(i).length);
            }
        }
        if (images.isEmpty()) {
            return CompletableFuture.completedFuture(new BatchResult(List.of(), 0, 0, 0));
        }
        PendingRequest request = new PendingRequest(List.copyOf(images), knobs, clock.getAsLong(),
                policy.timeoutNanos());
        try {
            queue.add(request);
        } catch (OverloadedException e) {
            observer.failed(BatchObserver.Failure.REJECTED);
            return CompletableFuture.failedFuture(e);
        } catch (ModelUnavailableException e) {
            observer.failed(BatchObserver.Failure.CANCELED);
            return CompletableFuture.failedFuture(e);
        }
        return request.future();
    }

    /** The settings it runs with. */
    public BatchPolicy policy() {
        return policy;
    }

    /** Requests waiting to run now. */
    public int pendingRequests() {
        return queue.pendingRequests();
    }

    /** Wakes the drain threads to look at the clock again. */
    void wakeUp() {
        queue.wakeUp();
    }

    /** Fails waiting requests with 503-style ModelUnavailableException, lets running batches finish, stops. */
    @Override
    public void close() {
        List<PendingRequest> left = queue.close();
        ModelUnavailableException stopped = new ModelUnavailableException("model \"" + model
                + "\": expected to run the request, found the service shutting down");
        for (PendingRequest request : left) {
            if (request.future().completeExceptionally(stopped)) {
                observer.failed(BatchObserver.Failure.CANCELED);
            }
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        for (Thread thread : drains) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warnf("%s: still running a batch after %d ms; not waiting longer", thread.getName(),
                        CLOSE_WAIT_MS);
            }
        }
    }

    private void drain() {
        try {
            for (Batch batch = queue.next(); batch != null; batch = queue.next()) {
                expire(batch.expired());
                if (!batch.slices().isEmpty()) {
                    run(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails requests dropped at their deadline; those whose caller gave up only count as cancelled. */
    private void expire(List<PendingRequest> expired) {
        long now = clock.getAsLong();
        for (PendingRequest request : expired) {
            if (request.future().isDone()) {
                observer.failed(BatchObserver.Failure.CANCELED);
                continue;
            }
            observer.failed(BatchObserver.Failure.TIMEOUT);
            request.future().completeExceptionally(new OverloadedException("model \"" + model
                    + "\": expected to start within " + TimeUnit.NANOSECONDS.toMillis(policy.timeoutNanos())
                    + " ms (mixguard.batching.request-timeout), found it still queued after "
                    + TimeUnit.NANOSECONDS.toMillis(request.waitedAt(now)) + " ms"));
        }
    }

    private void run(Batch batch) {
        long start = clock.getAsLong();
        List<Scores> scores;
        try {
            scores = runner.run(batch.images(), batch.knobs());
            if (scores.size() != batch.size()) {
                throw new IllegalStateException("expected " + batch.size() + " scores, found " + scores.size());
            }
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof InferenceException ie ? ie : new InferenceException(
                    "model \"" + model + "\": batch of " + batch.size() + " failed: expected scores, found an internal "
                            + "error", e);
            for (PendingRequest.Slice slice : batch.slices()) {
                if (slice.request().future().completeExceptionally(failure)) {
                    observer.failed(BatchObserver.Failure.BACKEND);
                }
            }
            return;
        }
        long end = clock.getAsLong();
        observer.executed(batch.size(), end - start, scores);
        int offset = 0;
        for (PendingRequest.Slice slice : batch.slices()) {
            PendingRequest request = slice.request();
            if (request.fill(slice, scores.subList(offset, offset + slice.size()), end - start, batch.size())
                    && !request.future().isDone()) {
                BatchResult result = request.result();
                observer.succeeded(request.size(), result.queueNanos(), result.runNanos(), request.waitedAt(end));
                request.future().complete(result);
            }
            offset += slice.size();
        }
    }
}
