package dev.mixguard.probe;

/** Receives progress snapshots from a running probe, on the probe's own thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };

    void onProgress(ProbeProgress progress);
}
