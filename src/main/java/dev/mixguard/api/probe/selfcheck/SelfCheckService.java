package dev.mixguard.api.probe.selfcheck;

import dev.mixguard.api.probe.BundledProbeSet;
import dev.mixguard.api.probe.ProbeExecutor;
import dev.mixguard.api.probe.StoppedForShutdownException;
import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.Scores;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.LabelledImage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs a model's bundled probe set clean on the probe executor (so it holds a probe place, and a full queue answers
 * 429), straight on the model's session at the knobs PyTorch ran at, and compares the count it gets right with the
 * one recorded when the model was packaged.
 */
@ApplicationScoped
public class SelfCheckService {

    private final InferenceService inference;
    private final ProbeExecutor executor;

    SelfCheckService(InferenceService inference, ProbeExecutor executor) {
        this.inference = inference;
        this.executor = executor;
    }

    /** The self-check of the ready model called {@code name}. */
    public Uni<SelfCheckResponse> check(String name) {
        LoadedModel model = inference.model(name);
        CancellationToken token = new CancellationToken();
        return executor.submit(() -> run(model, token), token);
    }

    private SelfCheckResponse run(LoadedModel model, CancellationToken token) {
        ProbeSetRecord record = ProbeSetRecord.read(model);
        List<LabelledImage> images = BundledProbeSet.read(model, record.count());
        int correct = 0;
        int unlike = 0;
        for (int start = 0; start < images.size(); start += model.largestRun()) {
            StoppedForShutdownException.throwIfStopped(token, "self-check", start, images.size(), "images");
            if (token.isCancelled()) {
                throw new CancellationException("self-check of model " + model.name() + " cancelled by its caller");
            }
            List<LabelledImage> chunk = images.subList(start, Math.min(start + model.largestRun(), images.size()));
            List<Scores> scores = model.run(chunk.stream().map(LabelledImage::pixels).toList(), record.knobs());
            for (int i = 0; i < chunk.size(); i++) {
                int served = scores.get(i).predictedClass();
                correct += served == chunk.get(i).label() ? 1 : 0;
                unlike += record.predictions() != null && served != record.predictions()[start + i] ? 1 : 0;
            }
        }
        return SelfCheckResponse.of(model, record, correct, record.predictions() == null ? null : unlike);
    }
}
