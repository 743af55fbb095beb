package dev.mixguard.inference;

import dev.mixguard.config.InferenceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool every model run happens on: a fixed number of platform threads (never the event loop,
 * never virtual threads, which JNI calls would pin) and a bounded queue that refuses work when full.
 */
@ApplicationScoped
public class InferenceExecutor {

    private final ThreadPoolExecutor pool;
    private final int queueSize;

    InferenceExecutor(InferenceConfig config) {
        int threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        this.queueSize = config.queueSize();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize), new NamedThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} on the pool when subscribed; fails with OverloadedException when the queue is full. */
    public <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                pool.execute(() -> {
                    try {
                        emitter.complete(work.get());
                    } catch (Throwable t) {
                        emitter.fail(t);
                    }
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new OverloadedException("expected at most " + queueSize
                        + " runs waiting for inference, found the queue full"));
            }
        });
    }

    /** Runs waiting for a thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    /** Names the pool's threads "mixguard-inference-N" and makes them daemons. */
    private static final class NamedThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "mixguard-inference-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
