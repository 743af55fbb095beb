package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EtaTest {

    @Test
    void rectanglesMatchAutoAttacksNestedWeightsForAThreeByOneBlock() {
        double[] row = Eta.rectangles(1, 3);
        double n = Math.sqrt(0.25 * 0.25 * 2 + 1.25 * 1.25);

        assertArrayEquals(new double[] {0.25 / n, 1.25 / n, 0.25 / n}, row, 1e-12);
    }

    @Test
    void rectanglesMatchForATwoByThreeBlock() {
        double[] block = Eta.rectangles(2, 3);
        double n = Math.sqrt(5 * 0.0625 + 1.5625);

        assertArrayEquals(new double[] {0.25 / n, 0.25 / n, 0.25 / n, 0.25 / n, 1.25 / n, 0.25 / n}, block, 1e-12);
    }

    @Test
    void thePatchHasUnitNormPositiveTopAndNegativeBottom() {
        int side = 7;
        double[] patch = Eta.pattern(side, false);

        assertEquals(1.0, Pixels.norm(patch), 1e-12);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double v = patch[r * side + c];
                assertTrue(r < side / 2 ? v > 0 : v < 0, "row " + r + " col " + c + ": " + v);
            }
        }
    }

    @Test
    void theTransposedPatchSplitsLeftFromRight() {
        int side = 5;
        double[] plain = Eta.pattern(side, false);
        double[] transposed = Eta.pattern(side, true);

        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                assertEquals(plain[r * side + c], transposed[c * side + r]);
            }
        }
    }
}
