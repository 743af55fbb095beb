package dev.mixguard.api.probe;

import dev.mixguard.metrics.MetricsRecorder;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.ProbeResult;
import java.util.List;
import java.util.Locale;

/**
 * Counts probed images in the service's metrics (mixguard_probe_started/finished/queries): one per image, tagged
 * with the attack ("square-linf", "noise-l2", ...) and, when finished, its outcome (found, not_found,
 * clean_misclassified, cancelled, timed_out; failed on an error; not_probed for images a stopped probe never
 * reached).
 */
public final class ProbeCounts {

    private final MetricsRecorder metrics;
    private final String model;
    private final String attack;

    public ProbeCounts(MetricsRecorder metrics, String model, Probe probe) {
        this.metrics = metrics;
        this.model = model;
        this.attack = probe.kind().id() + "-" + probe.settings().norm().name().toLowerCase(Locale.ROOT);
    }

    /** {@code images} probes started. */
    public void started(int images) {
        for (int i = 0; i < images; i++) {
            metrics.probeStarted(model, attack);
        }
    }

    /** One finished probe per row, with its outcome and queries. */
    public void finished(List<ProbeResult> rows) {
        for (ProbeResult r : rows) {
            metrics.probeFinished(model, attack, r.status().name().toLowerCase(Locale.ROOT), r.queries());
        }
    }

    /** {@code images} probes that ended in an error. */
    public void failed(int images) {
        ended(images, "failed");
    }

    /** {@code images} images the probe stopped before reaching (cancelled or out of time first). */
    public void notProbed(int images) {
        ended(images, "not_probed");
    }

    private void ended(int images, String outcome) {
        for (int i = 0; i < images; i++) {
            metrics.probeFinished(model, attack, outcome, 0);
        }
    }
}
