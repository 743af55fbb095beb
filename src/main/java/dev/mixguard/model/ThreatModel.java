package dev.mixguard.model;

/**
 * The perturbation budget a model was trained against, on [0, 1] pixels.
 *
 * @param norm the attack norm the model was trained for, e.g. "linf"
 * @param epsilon the budget in that norm
 * @param l2Epsilon the budget L2 probes use, or null when the spec names none
 */
public record ThreatModel(String norm, double epsilon, Double l2Epsilon) {
}
