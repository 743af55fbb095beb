package dev.mixguard.api.probe.selfcheck;

import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.ParityReport;
import dev.mixguard.model.Knobs;
import java.util.Locale;

/**
 * GET /v1/models/{name}/self-check: whether the served model classifies the bundled probe set as PyTorch did when
 * the model was packaged ({@code agreement} "agree" or "disagree", with both counts), beside the parity check the
 * model passed when it loaded.
 *
 * @param parity the load-time parity check; null when the model's folder holds no parity.json
 */
public record SelfCheckResponse(String model, String version, String provider, String agreement, String summary,
        ProbeSetRun probeSet, ParityReport parity) {

    /**
     * The clean run over the probe set at the knobs PyTorch ran at.
     *
     * @param predictionsUnlikeRecorded images whose served class differs from PyTorch's recorded one; null when
     *     probe-set.json records no predictions
     */
    public record ProbeSetRun(int images, Knobs knobs, int recordedCorrect, int servedCorrect,
            double recordedAccuracy, double servedAccuracy, Integer predictionsUnlikeRecorded) {
    }

    /** The answer for {@code model}, whose probe-set run classified {@code servedCorrect} images correctly. */
    static SelfCheckResponse of(LoadedModel model, ProbeSetRecord record, int servedCorrect, Integer unlike) {
        boolean agree = servedCorrect == record.correct();
        String provider = model.provider().id();
        String summary = String.format(Locale.ROOT, "%s %d of the %d probe-set images correctly on %s; PyTorch "
                + "did %d when the model was packaged", agree ? "agree: classified" : "disagree: classified",
                servedCorrect, record.count(), provider, record.correct());
        ProbeSetRun run = new ProbeSetRun(record.count(), record.knobs(), record.correct(), servedCorrect,
                (double) record.correct() / record.count(), (double) servedCorrect / record.count(), unlike);
        return new SelfCheckResponse(model.name(), model.spec().version(), provider, agree ? "agree" : "disagree",
                summary, run, model.selfCheck().orElse(null));
    }
}
