package dev.mixguard.probe;

/** How the search on one image ended. */
public enum ProbeStatus {
    /** The clean image is already misclassified, so it was not attacked (as AutoAttack does). */
    CLEAN_MISCLASSIFIED,
    /** An input inside the ball was found that the model misclassifies (margin at most zero). */
    FOUND,
    /**
     * Every step and restart ran, or the per-image query cap was reached, without finding an adversarial example.
     * This is an upper bound on robustness, not a proof that none exists.
     */
    NOT_FOUND,
    /** The caller cancelled before the search on this image had finished. */
    CANCELLED,
    /** The wall-time cap was reached before the search on this image had finished. */
    TIMED_OUT;

    /** Whether the search on the image was cut short, so its "not found" is weaker than a full run's. */
    public boolean stoppedEarly() {
        return this == CANCELLED || this == TIMED_OUT;
    }
}
