package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the self-check measures an output's error and words its verdict. */
class ParityReportTest {

    private static final SelfCheckPolicy.Tolerance QUARTER = new SelfCheckPolicy.Tolerance(0.25, "key.quarter");

    @Test
    void errorsAreAbsoluteBelowMagnitudeOneAndRelativeAbove() {
        OutputError error = OutputError.between(new float[] {-8f, 0.5f}, new float[] {-8.5f, 0.75f});
        assertEquals(0.5, error.maxAbsError());
        assertEquals(0.25, error.maxRelError());
        assertEquals("max abs error 5.0e-01, max rel error 2.5e-01", error.describe());
    }

    @Test
    void aValueThatIsNotFiniteIsInfinitelyFar() {
        OutputError error = OutputError.between(new float[] {1f, 2f}, new float[] {1f, Float.NaN});
        assertEquals(Double.POSITIVE_INFINITY, error.maxAbsError());
        assertEquals(Double.POSITIVE_INFINITY, error.maxRelError());
    }

    @Test
    void anErrorEqualToTheTolerancePassesAndTheLargestIsNamed() {
        ParityReport report = ParityReport.of(ExecutionProvider.CUDA, 4, QUARTER,
                errors(new OutputError(0.5, 0.25), new OutputError(0.1, 0.1)));
        assertTrue(report.passed());
        assertEquals("passed on cuda: largest error 2.5e-01 (log_probs) over 4 parity vectors, within 2.5e-01 "
                + "(key.quarter)", report.summary());
    }

    @Test
    void aFailedCheckNamesEachOutputOverTheTolerance() {
        ParityReport report = ParityReport.of(ExecutionProvider.TENSORRT, 4, QUARTER,
                errors(new OutputError(0.5, 0.3), new OutputError(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)));
        assertFalse(report.passed());
        assertEquals("failed on tensorrt: expected every output of the 4 parity vectors within 2.5e-01 "
                + "(key.quarter), found log_probs 3.0e-01, alpha Infinity", report.summary());
    }

    private static Map<String, OutputError> errors(OutputError logProbs, OutputError alpha) {
        Map<String, OutputError> errors = new LinkedHashMap<>();
        errors.put("log_probs", logProbs);
        errors.put("alpha", alpha);
        return errors;
    }
}
