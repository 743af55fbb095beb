package dev.mixguard.api.probe;

import dev.mixguard.api.ImageInput;
import dev.mixguard.api.InternalErrors;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Probes one image: checks the request, decodes the image off the event loop, then runs the attack on the probe
 * executor straight against the model's session (never through the classify path) and builds the answer, either
 * at once or as events with its progress.
 */
@ApplicationScoped
public class ProbeService {

    /** A checked request: the model, the decoded image and the attack. */
    private record Checked(LoadedModel model, float[] x, ResolvedAttack attack) {
    }

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
        return check(modelName, input, request).chain(checked -> {
            CancellationToken token = new CancellationToken();
            return executor.submit(() -> probe(checked, token, ProgressListener.NONE), token);
        });
    }

    /**
     * Probes one image as events: its progress, then "done" with the answer (or "error"). Blocking (call it on a worker thread),
     * so that every refusal (400, 404, 429) is an HTTP answer before the stream opens. The attack starts at once and
     * runs to its end whether or not the stream is read (its budget and mixguard.probe.max-request-time bound it);
     * cancelling the stream, e.g. a client hanging up, stops it before its next step, and a shutdown that will not
     * wait for it ends it with an "error" event saying so.
     */
    public Multi<ProbeEvent> events(String modelName, ImageInput input, AttackRequest request) {
        Checked checked = check(modelName, input, request).await().indefinitely();
        ProbeExecutor.Place place = executor.admit();
        CancellationToken token = place.token();
        UnicastProcessor<ProbeEvent> events = UnicastProcessor.create();
        int maxQueries = checked.attack().view().maxQueriesPerImage();
        long start = System.nanoTime();
        try {
            executor.pool().execute(() -> {
                try (place) {
                    ProbeResponse answer = probe(checked, token, p -> events.onNext(ProbeEvent.progress(
                            new ProbeEvent.Progress(p.queries(), maxQueries, (System.nanoTime() - start) / 1e6))));
                    events.onNext(ProbeEvent.done(answer));
                    events.onComplete();
                } catch (StoppedForShutdownException e) {
                    events.onNext(ProbeEvent.error(e.getMessage()));
                    events.onComplete();
                } catch (RuntimeException e) {
                    events.onNext(ProbeEvent.error("expected the probe to run to its end, found an internal error; "
                            + InternalErrors.logged(e, "probe failed after its event stream opened")));
                    events.onComplete();
                }
            });
        } catch (RejectedExecutionException e) {
            place.close();
            throw new ProbeBusyException("expected a running probe executor, found it shut down",
                    config.retryAfterSeconds());
        }
        return events.onOverflow().dropPreviousItems().onCancellation().invoke(token::cancel);
    }

    private Uni<Checked> check(String modelName, ImageInput input, AttackRequest request) {
        LoadedModel model = inference.model(modelName);
        ResolvedAttack attack = AttackResolver.resolve(request, model.spec(), config);
        if (input instanceof ImageInput.Encoded encoded) {
            requireOne(encoded.images().size());
        }
        return requestImages.read(model, input).map(images -> {
            requireOne(images.size());
            return new Checked(model, images.get(0), attack);
        });
    }

    private ProbeResponse probe(Checked checked, CancellationToken token, ProgressListener listener) {
        long start = System.nanoTime();
        LoadedModel model = checked.model();
        ResolvedAttack attack = checked.attack();
        ProbeControl control = ProbeControl.start(attack.budget(config.maxRequestTime()), token);
        LabelledImage image = attack.label() == null ? LabelledImage.unlabelled(checked.x())
                : new LabelledImage(checked.x(), attack.label());
        ProbeCounts counts = new ProbeCounts(metrics, model.name(), attack.probe());
        counts.started(1);
        Probe probe = attack.probe().certifying(Certificate.Basis.of(model.spec(), model.defaultKnobs().alphaLow()));
        List<ProbeResult> results;
        try {
            results = probe.run(model, List.of(image), 0, control, listener);
        } catch (RuntimeException e) {
            counts.failed(1);
            throw e;
        }
        counts.finished(results);
        if (results.isEmpty()) {
            counts.notProbed(1);
        }
        StoppedForShutdownException.throwIfStopped(token, "probe", results.isEmpty() ? 0 : results.get(0).queries(),
                attack.view().maxQueriesPerImage(), "queries");
        if (results.isEmpty()) {
            throw new IllegalStateException("expected a probe result, found none: the probe was stopped before "
                    + "its clean pass");
        }
        return ProbeResponses.of(model.spec(), model.provider().id(), attack, checked.x(), results.get(0),
                System.nanoTime() - start);
    }

    private static void requireOne(int count) {
        if (count != 1) {
            throw new InvalidInputException("expected exactly one image to probe, found " + count);
        }
    }
}
