package dev.mixguard.probe;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A flag a caller raises to stop a probe, with the reason; the probe looks at it once per step. */
public final class CancellationToken {

    /** Why a probe was asked to stop. */
    public enum Cause {
        /** Its caller: a client that hung up or closed its event stream, or a cancelled job. */
        CALLER,
        /** The process running it is shutting down and will not wait for it to end. */
        SHUTDOWN
    }

    private final AtomicReference<Cause> cause = new AtomicReference<>();

    /** Asks the probe to stop before its next step, on its caller's behalf. Idempotent and safe from any thread. */
    public void cancel() {
        cancel(Cause.CALLER);
    }

    /** Asks the probe to stop before its next step for {@code why}; the first cause raised is the one kept. */
    public void cancel(Cause why) {
        cause.compareAndSet(null, why);
    }

    /** Whether the probe has been asked to stop. */
    public boolean isCancelled() {
        return cause.get() != null;
    }

    /** Why the probe was asked to stop, or empty while it has not been. */
    public Optional<Cause> cause() {
        return Optional.ofNullable(cause.get());
    }
}
