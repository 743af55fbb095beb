package dev.mixguard.api.probe;

import dev.mixguard.api.ImageInput;
import dev.mixguard.api.RequestImages;
import dev.mixguard.config.ProbeConfig;
import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.metrics.MetricsRecorder;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.Certificate;
import dev.mixguard.probe.LabelledImage;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.ProbeControl;
import dev.mixguard.probe.ProbeResult;
import dev.mixguard.probe.ProgressListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Probes one image: checks the request, decodes the image off the event loop, then runs the attack on the probe
 * executor straight against the model's session (never through the classify path) and builds the answer.
 */
@ApplicationScoped
public class ProbeService {

    private final InferenceService inference;
    private final RequestImages requestImages;
    private final ProbeExecutor executor;
    private final ProbeConfig config;
    private final MetricsRecorder metrics;

    ProbeService(InferenceService inference, RequestImages requestImages, ProbeExecutor executor, ProbeConfig config,
            MetricsRecorder metrics) {
        this.inference = inference;
        this.requestImages = requestImages;
        this.executor = executor;
        this.config = config;
        this.metrics = metrics;
    }

    /** Probes one image, sent in any of the three body forms. */
    public Uni<ProbeResponse> probe(String modelName, ImageInput input, AttackRequest request) {
        LoadedModel model = inference.model(modelName);
        ResolvedAttack attack = AttackResolver.resolve(request, model.spec(), config);
        if (input instanceof ImageInput.Encoded encoded) {
            requireOne(encoded.images().size());
        }
        return requestImages.read(model, input).chain(images -> {
            requireOne(images.size());
            return run(model, images.get(0), attack);
        });
    }

    private Uni<ProbeResponse> run(LoadedModel model, float[] x, ResolvedAttack attack) {
        CancellationToken token = new CancellationToken();
        return executor.submit(() -> probe(model, x, attack, token), token);
    }

    private ProbeResponse probe(LoadedModel model, float[] x, ResolvedAttack attack, CancellationToken token) {
        long start = System.nanoTime();
        ProbeControl control = ProbeControl.start(attack.budget(config.maxRequestTime()), token);
        LabelledImage image = attack.label() == null ? LabelledImage.unlabelled(x)
                : new LabelledImage(x, attack.label());
        ProbeCounts counts = new ProbeCounts(metrics, model.name(), attack.probe());
        counts.started(1);
        Probe probe = attack.probe().certifying(Certificate.Basis.of(model.spec(), model.defaultKnobs().alphaLow()));
        List<ProbeResult> results;
        try {
            results = probe.run(model, List.of(image), 0, control, ProgressListener.NONE);
        } catch (RuntimeException e) {
            counts.failed(1);
            throw e;
        }
        counts.finished(results);
        if (results.isEmpty()) {
            counts.notProbed(1);
            throw new IllegalStateException("expected a probe result, found none: the probe was stopped before "
                    + "its clean pass");
        }
        return ProbeResponses.of(model.spec(), model.provider().id(), attack, x, results.get(0),
                System.nanoTime() - start);
    }

    private static void requireOne(int count) {
        if (count != 1) {
            throw new InvalidInputException("expected exactly one image to probe, found " + count);
        }
    }
}
