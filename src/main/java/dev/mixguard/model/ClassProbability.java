package dev.mixguard.model;

/** One class with its probability. */
public record ClassProbability(int index, String label, float probability) {
}
