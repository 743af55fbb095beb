package dev.mixguard.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engine self-check of one model on one provider: each output's largest errors over the parity vectors, the
 * tolerance the relative ones were held to (and its config key), and whether every one stayed within it.
 *
 * @param outputs per output name, in the graph's order
 */
public record ParityReport(String provider, int vectors, double tolerance, String toleranceKey, boolean passed,
        Map<String, OutputError> outputs) {

    public ParityReport {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The report of errors measured on {@code provider}; passed when every relative error is within tolerance. */
    static ParityReport of(ExecutionProvider provider, int vectors, SelfCheckPolicy.Tolerance tolerance,
            Map<String, OutputError> outputs) {
        boolean passed = outputs.values().stream().allMatch(error -> error.maxRelError() <= tolerance.value());
        return new ParityReport(provider.id(), vectors, tolerance.value(), tolerance.key(), passed, outputs);
    }

    /**
     * One line for readiness, logs and errors, e.g. "passed on cpu: largest error 2.0e-06 (std_logits) over 32
     * parity vectors, within 1.0e-04 (mixguard.inference.self-check.tolerance.cpu)".
     */
    public String summary() {
        if (passed) {
            Map.Entry<String, OutputError> worst = outputs.entrySet().stream()
                    .max(Map.Entry.comparingByValue((a, b) -> Double.compare(a.maxRelError(), b.maxRelError())))
                    .orElseThrow();
            return "passed on " + provider + ": largest error " + format(worst.getValue().maxRelError()) + " ("
                    + worst.getKey() + ") over " + vectors + " parity vectors, within " + format(tolerance) + " ("
                    + toleranceKey + ")";
        }
        String over = outputs.entrySet().stream().filter(entry -> entry.getValue().maxRelError() > tolerance)
                .map(entry -> entry.getKey() + " " + format(entry.getValue().maxRelError()))
                .collect(Collectors.joining(", "));
        return "failed on " + provider + ": expected every output of the " + vectors + " parity vectors within "
                + format(tolerance) + " (" + toleranceKey + "), found " + over;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1e", value);
    }
}
