package dev.mixguard.probe;

import java.util.SplittableRandom;

/** Derives each image's own random stream from the request seed, so results never depend on batching or order. */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The stream for the image at {@code index} of a request seeded with {@code seed}: a pure function of both. */
    static SplittableRandom forImage(long seed, int index) {
        return new SplittableRandom(mix64(seed + GOLDEN_GAMMA * (index + 1L)));
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole 64-bit range. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
