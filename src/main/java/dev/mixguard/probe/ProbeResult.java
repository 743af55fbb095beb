package dev.mixguard.probe;

/**
 * One image's probe outcome; "no adversarial example found in N queries" is an upper bound on robustness, not a proof.
 *
 * <p>{@code adversarial} is null when none was found.
 *
 * @param index       the image's position in the request or job
 * @param label       the label attacked (the clean prediction when none was given)
 * @param cleanClass  the model's prediction on the clean image
 * @param cleanAlpha  alpha (weight on the robust model) on the clean image
 * @param cleanMargin margin of the label on the clean image (log p_label minus the largest other log p)
 * @param status      how the search ended
 * @param queries     forward passes spent on this image, the clean one included
 * @param bestMargin  lowest margin reached over every query of this image
 * @param adversarial the misclassified input found, or null
 * @param certificate section 4's certificate at the clean image, from the clean pass; null unless the probe was
 *                    asked for it ({@link Probe#certifying})
 */
public record ProbeResult(int index, int label, int cleanClass, float cleanAlpha, float cleanMargin,
        ProbeStatus status, int queries, float bestMargin, AdversarialExample adversarial, Certificate certificate) {

    /** Whether an adversarial example was found. */
    public boolean found() {
        return adversarial != null;
    }

    /** Whether the clean image is classified as its label. */
    public boolean cleanCorrect() {
        return cleanClass == label;
    }

    /** Correct and not fooled within the budget: counts towards robust accuracy (an upper bound). */
    public boolean robust() {
        return cleanCorrect() && !found();
    }
}
