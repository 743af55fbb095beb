package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeSummaryTest {

    private static ProbeResult row(int index, int label, int clean, float alpha, ProbeStatus status, int queries,
            AdversarialExample adversarial) {
        return new ProbeResult(index, label, clean, alpha, 1f, status, queries, adversarial == null ? 0.5f : -0.1f,
                adversarial, null);
    }

    private static AdversarialExample adversarial(int cls, float alpha) {
        return new AdversarialExample(new float[] {0.5f}, cls, alpha, -0.1f, 0.1, 0.25);
    }

    private static final List<ProbeResult> ROWS = List.of(
            row(0, 0, 0, 0.9f, ProbeStatus.FOUND, 10, adversarial(1, 0.5f)),
            row(1, 1, 1, 0.8f, ProbeStatus.NOT_FOUND, 100, null),
            row(2, 2, 0, 0.7f, ProbeStatus.CLEAN_MISCLASSIFIED, 1, null),
            row(3, 0, 0, 0.6f, ProbeStatus.FOUND, 30, adversarial(2, 0.3f)),
            row(4, 1, 1, 0.5f, ProbeStatus.CANCELLED, 40, null));

    @Test
    void accuraciesCountCorrectAndUnfooledImagesOverThoseProbed() {
        ProbeSummary s = ProbeSummary.of(6, ROWS);

        assertEquals(6, s.imagesRequested());
        assertEquals(5, s.imagesProbed());
        assertEquals(0.8, s.cleanAccuracy(), 1e-12);
        assertEquals(0.4, s.robustAccuracy(), 1e-12, "rows 1 and 4: not fooled, an upper bound");
        assertEquals(2, s.adversarialFound());
        assertEquals(1, s.stoppedEarly());
        assertFalse(s.complete());
    }

    @Test
    void queryStatisticsCoverTheAttackedImages() {
        ProbeSummary s = ProbeSummary.of(5, ROWS);

        assertEquals((10 + 100 + 30 + 40) / 4.0, s.meanQueries(), 1e-12);
        assertEquals(35.0, s.medianQueries(), 1e-12, "mean of the middle two of 10, 30, 40, 100");
        assertEquals(181, s.totalQueries());
    }

    @Test
    void alphaIsAveragedCleanOverAllAndAdversarialOverFound() {
        ProbeSummary s = ProbeSummary.of(5, ROWS);

        assertEquals(0.7, s.meanAlphaClean().getAsDouble(), 1e-6);
        assertEquals(0.75, s.meanAlphaCleanFound().getAsDouble(), 1e-6);
        assertEquals(0.4, s.meanAlphaAdversarial().getAsDouble(), 1e-6);
    }

    @Test
    void anEmptyJobHasZeroRatesAndNoAlpha() {
        ProbeSummary s = ProbeSummary.of(3, List.of());

        assertEquals(0, s.cleanAccuracy());
        assertEquals(0, s.medianQueries());
        assertTrue(s.meanAlphaClean().isEmpty());
        assertTrue(s.meanAlphaAdversarial().isEmpty());
    }

    @Test
    void theMedianTakesTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertEquals(3, ProbeSummary.median(new double[] {5, 1, 3}));
        assertEquals(2.5, ProbeSummary.median(new double[] {4, 1, 3, 2}));
        assertEquals(0, ProbeSummary.median(new double[0]));
    }

    @Test
    void csvHasAHeaderAndOneLinePerRowWithEmptyCellsWhenNothingWasFound() {
        String csv = ProbeSummary.of(5, ROWS.subList(0, 2)).csv();

        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(ProbeCsv.HEADER, lines[0]);
        assertEquals("0,0,0,0.9,1.0,FOUND,true,10,-0.1,1,0.5,0.1,0.25", lines[1]);
        assertEquals("1,1,1,0.8,1.0,NOT_FOUND,false,100,0.5,,,,", lines[2]);
        assertEquals(lines[0].split(",", -1).length, lines[2].split(",", -1).length);
        assertTrue(csv.endsWith("\r\n"));
    }
}
