package dev.mixguard.probe;

import java.util.Optional;
import java.util.function.LongSupplier;

/** What may stop a probe between two steps: the per-image query cap, the wall-time deadline and cancellation. */
public final class ProbeControl {

    private final QueryBudget budget;
    private final CancellationToken token;
    private final LongSupplier nanoClock;
    private final long deadlineNanos;

    private ProbeControl(QueryBudget budget, CancellationToken token, LongSupplier nanoClock) {
        this.budget = budget;
        this.token = token;
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + budget.maxWallTime().toNanos();
    }

    /** Starts the wall-time clock now, on {@link System#nanoTime()}. */
    public static ProbeControl start(QueryBudget budget, CancellationToken token) {
        return start(budget, token, System::nanoTime);
    }

    /** Starts the wall-time clock now, on the given nanosecond clock (tests pass a fake one). */
    public static ProbeControl start(QueryBudget budget, CancellationToken token, LongSupplier nanoClock) {
        return new ProbeControl(budget, token, nanoClock);
    }

    /** The hard cap on forward passes per image. */
    public int maxQueriesPerImage() {
        return budget.maxQueriesPerImage();
    }

    /** {@link ProbeStatus#CANCELLED} or {@link ProbeStatus#TIMED_OUT} when the probe must stop now, else empty. */
    public Optional<ProbeStatus> stopReason() {
        if (token.isCancelled()) {
            return Optional.of(ProbeStatus.CANCELLED);
        }
        if (nanoClock.getAsLong() - deadlineNanos >= 0) {
            return Optional.of(ProbeStatus.TIMED_OUT);
        }
        return Optional.empty();
    }
}
