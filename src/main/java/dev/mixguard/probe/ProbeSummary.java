package dev.mixguard.probe;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A probe job's outcome: clean and robust accuracy, query and alpha statistics, and the per-image rows.
 *
 * <p>Robust accuracy is an upper bound: images not fooled within the budget count as robust.
 *
 * @param imagesRequested      images the job was asked to probe
 * @param imagesProbed         images with a row (fewer than requested when the job stopped early)
 * @param stoppedEarly         rows whose search was cut short by cancellation or the time cap
 * @param cleanAccuracy        fraction of probed images classified correctly (0 when none were probed)
 * @param robustAccuracy       fraction of probed images correct and not fooled (0 when none were probed)
 * @param adversarialFound     rows with an adversarial example
 * @param meanQueries          mean queries over attacked images (clean-correct ones), 0 when none
 * @param medianQueries        median queries over the same images, 0 when none
 * @param totalQueries         forward passes over all rows
 * @param meanAlphaClean       mean clean alpha over all rows
 * @param meanAlphaCleanFound  mean clean alpha over rows with an adversarial example
 * @param meanAlphaAdversarial mean alpha at the adversarial examples
 * @param rows                 one result per probed image, in order
 */
public record ProbeSummary(int imagesRequested, int imagesProbed, int stoppedEarly, double cleanAccuracy,
        double robustAccuracy, int adversarialFound, double meanQueries, double medianQueries, long totalQueries,
        OptionalDouble meanAlphaClean, OptionalDouble meanAlphaCleanFound, OptionalDouble meanAlphaAdversarial,
        List<ProbeResult> rows) {

    public ProbeSummary {
        rows = List.copyOf(rows);
    }

    /** Summarises {@code rows} out of {@code imagesRequested}. */
    public static ProbeSummary of(int imagesRequested, List<ProbeResult> rows) {
        int n = rows.size();
        double[] attackedQueries = rows.stream().filter(ProbeResult::cleanCorrect)
                .mapToDouble(ProbeResult::queries).toArray();
        return new ProbeSummary(imagesRequested, n,
                count(rows, r -> r.status().stoppedEarly()),
                fraction(count(rows, ProbeResult::cleanCorrect), n),
                fraction(count(rows, ProbeResult::robust), n),
                count(rows, ProbeResult::found),
                Arrays.stream(attackedQueries).average().orElse(0),
                median(attackedQueries),
                rows.stream().mapToLong(ProbeResult::queries).sum(),
                mean(rows, r -> true, ProbeResult::cleanAlpha),
                mean(rows, ProbeResult::found, ProbeResult::cleanAlpha),
                mean(rows, ProbeResult::found, r -> r.adversarial().alpha()),
                rows);
    }

    /** Whether every requested image was probed to the end of its budget. */
    public boolean complete() {
        return imagesProbed == imagesRequested && stoppedEarly == 0;
    }

    /** The per-image rows as CSV. */
    public String csv() {
        return ProbeCsv.render(rows);
    }

    /** Median of {@code values}: the middle one, or the mean of the two middle ones; 0 when empty. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int count(List<ProbeResult> rows, Predicate<ProbeResult> test) {
        return (int) rows.stream().filter(test).count();
    }

    private static double fraction(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static OptionalDouble mean(List<ProbeResult> rows, Predicate<ProbeResult> which,
            ToDoubleFunction<ProbeResult> value) {
        return rows.stream().filter(which).mapToDouble(value).average();
    }
}
