package dev.mixguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The triangle filter: identity at the same size, averaging when shrinking, interpolating when growing. */
class ResamplerTest {

    @Test
    void sameSizeIsTheIdentity() {
        float[] source = {0.1f, 0.9f, 0.3f, 0.7f, 0.5f};
        Resampler same = new Resampler(5, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(source[i], same.sample(source, 0, 1, i), 1e-7f);
        }
    }

    @Test
    void halvingAveragesWithTriangleWeights() {
        float[] source = {0, 1, 0, 1, 0, 1, 0, 1};
        Resampler half = new Resampler(8, 4);
        // centre 1.0 on the source grid, support 2: weights 3/4, 3/4, 1/4 (first source pixel 0) over 0..2
        assertEquals((0.75f * 0 + 0.75f * 1 + 0.25f * 0) / 1.75f, half.sample(source, 0, 1, 0), 1e-6f);
        // interior outputs see 1/4, 3/4, 3/4, 1/4 over alternating 0/1: exactly one half
        assertEquals(0.5f, half.sample(source, 0, 1, 1), 1e-6f);
        assertEquals(0.5f, half.sample(source, 0, 1, 2), 1e-6f);
    }

    @Test
    void doublingInterpolatesBetweenNeighbours() {
        float[] source = {0f, 1f};
        Resampler twice = new Resampler(2, 4);
        assertEquals(0f, twice.sample(source, 0, 1, 0), 1e-6f);
        assertEquals(0.25f, twice.sample(source, 0, 1, 1), 1e-6f);
        assertEquals(0.75f, twice.sample(source, 0, 1, 2), 1e-6f);
        assertEquals(1f, twice.sample(source, 0, 1, 3), 1e-6f);
    }

    @Test
    void strideAndOffsetSelectAColumn() {
        float[] grid = {0, 5, 1, 6, 2, 7};
        Resampler same = new Resampler(3, 3);
        assertEquals(6f, same.sample(grid, 1, 2, 1), 1e-6f);
    }
}
