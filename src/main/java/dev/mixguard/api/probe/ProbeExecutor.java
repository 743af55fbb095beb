package dev.mixguard.api.probe;

import dev.mixguard.config.ProbeConfig;
import dev.mixguard.probe.CancellationToken;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The probes' own pool, apart from the inference executor: a few platform threads and an admission count of
 * threads + queue-size. Each admitted probe request or job holds one place until it ends, and a job has at most one
 * task waiting at a time, so the pool's queue never grows past the admitted count; past it, 429.
 */
@ApplicationScoped
public class ProbeExecutor {

    private final ThreadPoolExecutor pool;
    private final Semaphore places;
    private final int capacity;
    private final int retryAfterSeconds;

    ProbeExecutor(ProbeConfig config) {
        if (config.threads() < 1 || config.queueSize() < 0) {
            throw new IllegalArgumentException("mixguard.probe.threads and queue-size: expected >= 1 and >= 0, found "
                    + config.threads() + " and " + config.queueSize());
        }
        this.capacity = config.threads() + config.queueSize();
        this.places = new Semaphore(capacity);
        this.retryAfterSeconds = config.retryAfterSeconds();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "mixguard-probe-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** One admitted probe request or job; closing it frees its place (idempotent). */
    public final class Place implements AutoCloseable {

        private final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                places.release();
            }
        }
    }

    /** Takes a place or throws ProbeBusyException (429) when every place is taken. */
    public Place admit() {
        if (!places.tryAcquire()) {
            throw new ProbeBusyException("expected at most " + capacity + " probes running or waiting "
                    + "(mixguard.probe.threads + mixguard.probe.queue-size), found the probe queue full",
                    retryAfterSeconds);
        }
        return new Place();
    }

    /** The pool itself, for job tasks whose job already holds a place. */
    public Executor pool() {
        return pool;
    }

    /**
     * Runs {@code work} in a place of its own when subscribed (failing with 429 when none is free); cancelling the
     * subscription, e.g. a client hanging up, raises {@code token}.
     */
    public <T> Uni<T> submit(Supplier<T> work, CancellationToken token) {
        return Uni.createFrom().<T>emitter(emitter -> {
            Place place = admit();
            try {
                pool.execute(() -> {
                    try (place) {
                        emitter.complete(work.get());
                    } catch (Throwable t) {
                        emitter.fail(t);
                    }
                });
            } catch (RejectedExecutionException e) {
                place.close();
                emitter.fail(new ProbeBusyException("expected a running probe executor, found it shut down",
                        retryAfterSeconds));
            }
        }).onCancellation().invoke(token::cancel);
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
