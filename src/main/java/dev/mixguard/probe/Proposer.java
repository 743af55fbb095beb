package dev.mixguard.probe;

import java.util.random.RandomGenerator;

/** Where a search's candidates come from: a start point per restart, then one per step; never sees the model. */
interface Proposer {

    /** A fresh start point near clean image {@code x}, inside the ball and [0, 1]. */
    float[] start(float[] x, RandomGenerator rng);

    /** The candidate for 0-based step {@code iteration}, moved from the current best point {@code best}. */
    float[] next(float[] x, float[] best, int iteration, RandomGenerator rng);
}
