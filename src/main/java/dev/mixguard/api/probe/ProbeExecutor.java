package dev.mixguard.api.probe;

import dev.mixguard.api.ShutdownDeadline;
import dev.mixguard.config.ProbeConfig;
import dev.mixguard.probe.CancellationToken;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The probes' own pool, apart from the inference executor: a few platform threads and an admission count of
 * threads + queue-size. Each admitted probe request or job holds one place until it ends, and a job has at most one
 * task waiting at a time, so the pool's queue never grows past the admitted count; past it, 429.
 *
 * <p>Each place carries the cancellation token of its probe. When the service shuts down, every probe still holding
 * a place at {@code mixguard.probe.shutdown-margin} before Quarkus stops waiting for requests in flight is
 * cancelled with {@link CancellationToken.Cause#SHUTDOWN}, so it stops at its next step and answers in time.
 */
@ApplicationScoped
public class ProbeExecutor {

    private static final Logger LOG = Logger.getLogger(ProbeExecutor.class);

    private final ThreadPoolExecutor pool;
    private final Semaphore places;
    private final int capacity;
    private final int retryAfterSeconds;
    private final long shutdownMarginNanos;
    private final Set<Place> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ProbeExecutor(ProbeConfig config) {
        if (config.threads() < 1 || config.queueSize() < 0 || config.shutdownMargin().isNegative()) {
            throw new IllegalArgumentException("mixguard.probe.threads, queue-size and shutdown-margin: expected >= 1, "
                    + ">= 0 and >= 0s, found " + config.threads() + ", " + config.queueSize() + " and "
                    + config.shutdownMargin());
        }
        this.capacity = config.threads() + config.queueSize();
        this.places = new Semaphore(capacity);
        this.retryAfterSeconds = config.retryAfterSeconds();
        this.shutdownMarginNanos = config.shutdownMargin().toNanos();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "mixguard-probe-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** One admitted probe request or job and its cancellation token; closing it frees its place (idempotent). */
    public final class Place implements AutoCloseable {

        private final AtomicBoolean held = new AtomicBoolean(true);
        private final CancellationToken token;

        private Place(CancellationToken token) {
            this.token = token;
        }

        /** The token that stops this place's probe, raised by its caller or by the service's shutdown. */
        public CancellationToken token() {
            return token;
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                open.remove(this);
                places.release();
                synchronized (open) {
                    open.notifyAll();
                }
            }
        }
    }

    /** Takes a place for a probe with a new token, or throws ProbeBusyException (429) when every place is taken. */
    public Place admit() {
        return admit(new CancellationToken());
    }

    /** Takes a place for the probe that {@code token} stops, or throws ProbeBusyException (429). */
    public Place admit(CancellationToken token) {
        if (!places.tryAcquire()) {
            throw new ProbeBusyException("expected at most " + capacity + " probes running or waiting "
                    + "(mixguard.probe.threads + mixguard.probe.queue-size), found the probe queue full",
                    retryAfterSeconds);
        }
        Place place = new Place(token);
        open.add(place);
        if (stopping) {
            token.cancel(CancellationToken.Cause.SHUTDOWN);
        }
        return place;
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
            Place place = admit(token);
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

    /** Probe requests and jobs holding a place now, running or waiting. */
    public int held() {
        return open.size();
    }

    /**
     * On SIGTERM: stops every probe still holding a place at {@code mixguard.probe.shutdown-margin} before Quarkus
     * exits, and every probe admitted after that, so that each answers (503) or records its end while the server
     * still writes answers.
     */
    void onShutdown(@Observes ShutdownDeadline exit) {
        long wait = exit.exitNanos() - shutdownMarginNanos - System.nanoTime();
        LOG.infof("shutting down: probes still running in %d ms are stopped (mixguard.probe.shutdown-margin %d ms "
                + "before the shutdown timeout ends)", Math.max(0, wait) / 1_000_000, shutdownMarginNanos / 1_000_000);
        if (wait <= 0) {
            stopAll();
        } else {
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(this::stopAll);
        }
    }

    /**
     * Quarkus has stopped waiting for requests (all ended, or the timeout passed) and is about to close the models'
     * sessions: stops the probes left, such as jobs nobody is watching, and gives them up to the margin to end.
     */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopAll();
        long deadline = System.nanoTime() + shutdownMarginNanos;
        synchronized (open) {
            for (long left = shutdownMarginNanos; !open.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(open, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!open.isEmpty()) {
            LOG.warnf("%d probes still running after the shutdown margin; exiting anyway", open.size());
        }
    }

    private void stopAll() {
        stopping = true;
        int stopped = 0;
        for (Place place : open) {
            if (!place.token().isCancelled()) {
                place.token().cancel(CancellationToken.Cause.SHUTDOWN);
                stopped++;
            }
        }
        if (stopped > 0) {
            LOG.infof("shutting down: stopping %d probe requests and jobs at their next step", stopped);
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
