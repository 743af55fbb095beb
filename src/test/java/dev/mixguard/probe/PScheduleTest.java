package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PScheduleTest {

    @Test
    void pHalvesAfterAutoAttacksAbsoluteThresholds() {
        int[] lastAtLevel = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
        assertEquals(0.8, PSchedule.p(0.8, 0));
        for (int k = 0; k < lastAtLevel.length; k++) {
            assertEquals(0.8 / (1 << k), PSchedule.p(0.8, lastAtLevel[k]), "iteration " + lastAtLevel[k]);
            int next = lastAtLevel[k] + 1;
            assertEquals(0.8 / (1 << (k + 1)), PSchedule.p(0.8, next), "iteration " + next);
        }
        assertEquals(0.8 / 512, PSchedule.p(0.8, 100_000));
    }

    @Test
    void linfSquaresMatchAutoAttacksSizes() {
        assertEquals(29, PSchedule.linfSide(0.8, 32, 32), "29 px at the start on CIFAR");
        assertEquals(25, PSchedule.linfSide(0.8, 28, 28));
        assertEquals(1, PSchedule.linfSide(0.8 / 512, 28, 28), "never below one pixel");
        assertEquals(3, PSchedule.linfSide(0.8, 4, 4), "at most h - 1");
        assertEquals(2, PSchedule.linfSide(0.25, 5, 5), "round half to even, as Python: round(2.5) = 2");
    }

    @Test
    void l2WindowsAreOddAtLeastThreeAndFitTheImage() {
        assertEquals(25, PSchedule.l2Side(0.8, 28, 28));
        assertEquals(29, PSchedule.l2Side(0.8, 32, 32));
        assertEquals(3, PSchedule.l2Side(0.8 / 512, 28, 28));
        assertEquals(13, PSchedule.l2Side(0.2, 28, 28), "round(12.52) = 13 stays odd");
        assertEquals(13, PSchedule.l2Side(0.18, 28, 28), "round(11.88) = 12 becomes 13");
        assertEquals(4, PSchedule.l2Side(0.8, 4, 4), "clipped to the image");
    }

    @Test
    void cornersAreDrawnBelowLengthMinusSideAsAutoAttackDoes() {
        SplittableRandom rng = new SplittableRandom(0);
        int max = 0;
        for (int i = 0; i < 2000; i++) {
            int corner = PSchedule.corner(rng, 28, 25);
            assertTrue(corner >= 0 && corner < 3);
            max = Math.max(max, corner);
        }
        assertEquals(2, max);
        assertEquals(0, PSchedule.corner(rng, 4, 4));
    }
}
