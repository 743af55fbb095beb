package dev.mixguard.probe;

/** A flag a caller raises to stop a probe; the probe looks at it once per step. */
public final class CancellationToken {

    private volatile boolean cancelled;

    /** Asks the probe to stop before its next step. Idempotent and safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} has been called. */
    public boolean isCancelled() {
        return cancelled;
    }
}
