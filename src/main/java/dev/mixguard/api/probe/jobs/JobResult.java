package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.probe.ProbeWording;
import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.probe.AdversarialExample;
import dev.mixguard.probe.ProbeResult;
import dev.mixguard.probe.ProbeSummary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * A finished job's result without the adversarial images themselves (kept apart, as PNGs under a memory cap):
 * accuracies, query and alpha statistics, the words for it, and one row per probed image.
 */
public record JobResult(int imagesRequested, int imagesProbed, int stoppedEarly, boolean complete,
        double cleanAccuracy, double robustAccuracy, int adversarialFound, double meanQueries, double medianQueries,
        long totalQueries, Double meanAlphaClean, Double meanAlphaCleanFound, Double meanAlphaAdversarial,
        String interpretation, List<Row> rows) {

    /**
     * One probed image; the adversarial fields are null when none was found, and {@code adversarialImage} (the
     * path of the example's PNG) also when the example was not kept.
     */
    public record Row(int index, int label, int cleanClass, float cleanAlpha, float cleanMargin, String status,
            boolean found, boolean robust, int queries, float bestMargin, Integer adversarialClass,
            Float adversarialAlpha, Double linf, Double l2, String adversarialImage) {

        static Row of(ProbeResult r, String adversarialImage) {
            AdversarialExample a = r.adversarial();
            return new Row(r.index(), r.label(), r.cleanClass(), r.cleanAlpha(), r.cleanMargin(),
                    r.status().name().toLowerCase(Locale.ROOT), r.found(), r.robust(), r.queries(), r.bestMargin(),
                    a == null ? null : a.predictedClass(), a == null ? null : a.alpha(),
                    a == null ? null : a.linf(), a == null ? null : a.l2(), adversarialImage);
        }
    }

    /** The result of {@code s}; {@code imagePath} gives the path of a kept example's PNG by index, or null. */
    static JobResult of(ProbeSummary s, ResolvedAttack.View attack, IntFunction<String> imagePath) {
        return new JobResult(s.imagesRequested(), s.imagesProbed(), s.stoppedEarly(), s.complete(),
                s.cleanAccuracy(), s.robustAccuracy(), s.adversarialFound(), s.meanQueries(), s.medianQueries(),
                s.totalQueries(), boxed(s.meanAlphaClean()), boxed(s.meanAlphaCleanFound()),
                boxed(s.meanAlphaAdversarial()), ProbeWording.of(s, attack),
                s.rows().stream().map(r -> Row.of(r, imagePath.apply(r.index()))).toList());
    }

    /** The row of image {@code index}, if probed. */
    Optional<Row> row(int index) {
        return rows == null ? Optional.empty() : rows.stream().filter(r -> r.index() == index).findFirst();
    }

    /** The same result without its rows, for events and listings. */
    JobResult withoutRows() {
        return new JobResult(imagesRequested, imagesProbed, stoppedEarly, complete, cleanAccuracy, robustAccuracy,
                adversarialFound, meanQueries, medianQueries, totalQueries, meanAlphaClean, meanAlphaCleanFound,
                meanAlphaAdversarial, interpretation, null);
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
