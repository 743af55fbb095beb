package dev.mixguard.probe;

/**
 * A snapshot of a probe or job: images finished (found, not found, or clean-misclassified), how many of those kept
 * their label (an upper bound, as every probe result is), and forward passes spent.
 */
public record ProbeProgress(int imagesDone, int imagesTotal, int robustSoFar, long queries) {

    /** Nothing done yet out of {@code total}. */
    public static ProbeProgress start(int total) {
        return new ProbeProgress(0, total, 0, 0);
    }

    /** This snapshot moved past {@code before}: counts added, total taken from {@code total}. */
    ProbeProgress after(ProbeProgress before, int total) {
        return new ProbeProgress(before.imagesDone + imagesDone, total, before.robustSoFar + robustSoFar,
                before.queries + queries);
    }
}
