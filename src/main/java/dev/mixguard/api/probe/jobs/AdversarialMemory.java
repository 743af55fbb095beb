package dev.mixguard.api.probe.jobs;

/**
 * The bytes of adversarial-example PNGs that finished jobs keep, all jobs together, capped at
 * {@code mixguard.probe.kept-adversarial-memory}: a job reserves what it keeps when it ends and gives it back when it
 * is forgotten (deleted, or dropped past {@code max-retained-jobs}).
 */
final class AdversarialMemory {

    private final long limit;
    private long used;

    AdversarialMemory(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("mixguard.probe.kept-adversarial-memory: expected at least 0 bytes, "
                    + "found " + limit);
        }
        this.limit = limit;
    }

    /** Takes {@code bytes} if they fit under the cap. */
    synchronized boolean reserve(long bytes) {
        if (used + bytes > limit) {
            return false;
        }
        used += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        used -= bytes;
    }

    synchronized long used() {
        return used;
    }

    long limit() {
        return limit;
    }
}
