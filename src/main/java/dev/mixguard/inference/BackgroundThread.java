package dev.mixguard.inference;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One named daemon platform thread that runs submitted work in order: model loading off the start-up thread. */
final class BackgroundThread {

    private final ExecutorService executor;

    BackgroundThread(String name) {
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code work} after whatever was submitted before. */
    void submit(Runnable work) {
        executor.execute(work);
    }

    /** Interrupts the running work and drops the rest. */
    void stop() {
        executor.shutdownNow();
    }
}
