package dev.mixguard.inference;

import dev.mixguard.model.Knobs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One model's waiting requests under one lock: admits them up to a capacity in images and hands out batches by
 * Triton's rules (full at once, or when the oldest request has waited the delay), one set of knobs per batch.
 */
final class RequestQueue {

    private final String model;
    private final BatchPolicy policy;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private int images;
    private volatile int requests;
    private boolean closed;

    RequestQueue(String model, BatchPolicy policy, LongSupplier clock) {
        this.model = model;
        this.policy = policy;
        this.clock = clock;
    }

    /** Queues the request; throws OverloadedException when its images do not fit, ModelUnavailable when closed. */
    void add(PendingRequest request) {
        lock.lock();
        try {
            if (closed) {
                throw new ModelUnavailableException("model \"" + model + "\": expected a running batcher, found it "
                        + "shut down");
            }
            if (images + request.size() > policy.queueCapacity()) {
                throw new OverloadedException("model \"" + model + "\": expected room for " + request.size()
                        + " image(s) in the queue (mixguard.batching.queue-capacity " + policy.queueCapacity()
                        + "), found " + images + " waiting");
            }
            waiting.addLast(request);
            images += request.size();
            requests = waiting.size();
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a batch is due and takes it, or until some requests expired; returns null once closed. Runs
     * under the lock, so nothing here completes a caller's future.
     */
    Batch next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long now = clock.getAsLong();
                List<PendingRequest> expired = removeExpired(now);
                PendingRequest head = waiting.peekFirst();
                long waitLeft = head == null ? 0 : policy.maxQueueDelayNanos() - head.waitedAt(now);
                boolean due = head != null && (!policy.combine() || waitLeft <= 0
                        || available(head.knobs()) >= policy.maxBatchSize());
                if (due || !expired.isEmpty()) {
                    Batch batch = due ? take(head, now, expired) : new Batch(null, List.of(), expired);
                    requests = waiting.size();
                    if (!waiting.isEmpty()) {
                        changed.signal();
                    }
                    return batch;
                }
                if (head == null) {
                    changed.await();
                } else {
                    changed.awaitNanos(waitLeft);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Stops admitting and taking requests; returns those still waiting, for the caller to fail. */
    List<PendingRequest> close() {
        lock.lock();
        try {
            closed = true;
            List<PendingRequest> left = new ArrayList<>(waiting);
            waiting.clear();
            images = 0;
            requests = 0;
            changed.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting now, partly taken ones included. */
    int pendingRequests() {
        return requests;
    }

    /** Wakes the drain threads so they look at the clock again (tests move a fake clock). */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the requests whose caller gave up (their future was cancelled, e.g. on disconnect) and those
     * whose deadline passed before any of their images ran; returns both.
     */
    private List<PendingRequest> removeExpired(long now) {
        List<PendingRequest> expired = List.of();
        for (Iterator<PendingRequest> it = waiting.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (request.future().isDone() || request.expiredAt(now)) {
                it.remove();
                images -= request.remaining();
                if (expired.isEmpty()) {
                    expired = new ArrayList<>();
                }
                expired.add(request);
            }
        }
        return expired;
    }

    /** Images waiting with these knobs, counted until a full batch is reached. */
    private int available(Knobs knobs) {
        int count = 0;
        for (PendingRequest request : waiting) {
            if (request.knobs().equals(knobs)) {
                count += request.remaining();
                if (count >= policy.maxBatchSize()) {
                    break;
                }
            }
        }
        return count;
    }

    /**
     * The batch of the oldest request's knobs: up to max-batch-size images in arrival order, or the oldest
     * request alone and whole when not combining.
     */
    private Batch take(PendingRequest head, long now, List<PendingRequest> expired) {
        List<PendingRequest.Slice> slices = new ArrayList<>();
        int space = policy.combine() ? policy.maxBatchSize() : head.remaining();
        for (Iterator<PendingRequest> it = waiting.iterator(); it.hasNext() && space > 0; ) {
            PendingRequest request = it.next();
            if (!request.knobs().equals(head.knobs())) {
                continue;
            }
            PendingRequest.Slice slice = request.take(Math.min(space, request.remaining()), now);
            slices.add(slice);
            space -= slice.size();
            images -= slice.size();
            if (request.remaining() == 0) {
                it.remove();
            }
        }
        return new Batch(head.knobs(), slices, expired);
    }
}
