package dev.mixguard.probe;

/** A progress snapshot: images finished, how many of those kept their label (an upper bound), queries spent. */
public record ProbeProgress(int imagesDone, int imagesTotal, int robustSoFar, long queries) {

    /** Nothing done yet out of {@code total}. */
    public static ProbeProgress start(int total) {
        return new ProbeProgress(0, total, 0, 0);
    }

    /** This chunk-level snapshot added to {@code base}, the job totals before the chunk, out of {@code total}. */
    ProbeProgress addedTo(ProbeProgress base, int total) {
        return new ProbeProgress(base.imagesDone + imagesDone, total, base.robustSoFar + robustSoFar,
                base.queries + queries);
    }
}
