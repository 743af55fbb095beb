package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.EncodedImage;
import dev.mixguard.api.RequestImages;
import dev.mixguard.api.probe.AttackRequest;
import dev.mixguard.api.probe.AttackResolver;
import dev.mixguard.api.probe.ProbeBusyException;
import dev.mixguard.api.probe.ProbeCounts;
import dev.mixguard.api.probe.ProbeExecutor;
import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.config.LimitsConfig;
import dev.mixguard.config.ProbeConfig;
import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.metrics.MetricsRecorder;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.probe.LabelledImage;
import dev.mixguard.probe.ProbeJob;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts, finds, lists and cancels probe jobs: checks caps (images, concurrent jobs, the probe queue), gathers
 * the images (the model's bundled probe set or an upload), and runs each job on the probe executor.
 */
@ApplicationScoped
public class ProbeJobService {

    private final InferenceService inference;
    private final RequestImages requestImages;
    private final ProbeExecutor executor;
    private final ProbeConfig config;
    private final int batchSize;
    private final JobStore store;
    private final AdversarialMemory adversarialMemory;
    private final MetricsRecorder metrics;

    ProbeJobService(InferenceService inference, RequestImages requestImages, ProbeExecutor executor,
            ProbeConfig config, LimitsConfig limits, MetricsRecorder metrics) {
        this.inference = inference;
        this.requestImages = requestImages;
        this.executor = executor;
        this.config = config;
        this.batchSize = config.jobBatchSize().orElse(limits.maxBatch());
        this.store = new JobStore(config.maxRetainedJobs());
        this.adversarialMemory = new AdversarialMemory(config.keptAdversarialMemory().asLongValue());
        this.metrics = metrics;
    }

    /** A job over the first {@code first} images of the model's bundled probe set (all, up to the cap, if null). */
    public Uni<TrackedJob> startBundled(String modelName, Integer first, AttackRequest request) {
        LoadedModel model = inference.model(modelName);
        ResolvedAttack attack = resolve(model, request);
        return Uni.createFrom().item(() -> {
            List<LabelledImage> images = ProbeSet.read(model, first, config.maxJobImages());
            return start(model, attack, images, "bundled probe set, first " + images.size());
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A job over uploaded images with their labels ("3,1,4", one per image). */
    public Uni<TrackedJob> startUploaded(String modelName, List<EncodedImage> images, String labels,
            AttackRequest request) {
        LoadedModel model = inference.model(modelName);
        ResolvedAttack attack = resolve(model, request);
        if (images.isEmpty() || images.size() > config.maxJobImages()) {
            throw new InvalidInputException("expected 1 to " + config.maxJobImages() + " images named \"image\" "
                    + "(mixguard.probe.max-job-images), found " + images.size());
        }
        int[] parsed = ProbeSet.parseLabels(labels, images.size(), model.numClasses());
        return Uni.createFrom().item(() -> {
            List<float[]> pixels = requestImages.decode(model, images);
            List<LabelledImage> labelled = new ArrayList<>(pixels.size());
            for (int i = 0; i < pixels.size(); i++) {
                labelled.add(new LabelledImage(pixels.get(i), parsed[i]));
            }
            return start(model, attack, labelled, pixels.size() + " uploaded images");
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The kept job {@code id} of {@code model}, or UnknownJobException (404). */
    public TrackedJob get(String model, String id) {
        return store.get(model, id).orElseThrow(() -> new UnknownJobException(model, id));
    }

    /** The PNG of the adversarial example job {@code id} found for its image {@code index}. */
    public byte[] adversarialPng(String model, String id, int index) {
        return get(model, id).adversarialPng(index);
    }

    /** Every kept job of {@code model}, oldest first. */
    public List<TrackedJob> list(String model) {
        return store.of(model);
    }

    /** Cancels job {@code id} if it has not ended (returning it), else forgets it (returning empty). */
    public Optional<TrackedJob> cancelOrForget(String model, String id) {
        TrackedJob job = get(model, id);
        if (job.state().finished()) {
            store.remove(id);
            return Optional.empty();
        }
        job.cancel();
        return Optional.of(job);
    }

    private ResolvedAttack resolve(LoadedModel model, AttackRequest request) {
        if (request.label() != null) {
            throw new InvalidInputException("label: expected none for a job (labels come from the probe set or the "
                    + "\"labels\" field), found " + request.label());
        }
        return AttackResolver.resolve(request, model.spec(), config);
    }

    private void count(ProbeJob job, LoadedModel model, ResolvedAttack attack, int images) {
        ProbeCounts counts = new ProbeCounts(metrics, model.name(), attack.probe());
        counts.started(images);
        job.result().whenComplete((summary, error) -> {
            if (error != null) {
                counts.failed(images);
            } else {
                counts.finished(summary.rows());
                counts.notProbed(summary.imagesRequested() - summary.imagesProbed());
            }
        });
    }

    private synchronized TrackedJob start(LoadedModel model, ResolvedAttack attack, List<LabelledImage> images,
            String source) {
        int active = store.active();
        if (active >= config.maxConcurrentJobs()) {
            throw new ProbeBusyException("expected at most " + config.maxConcurrentJobs() + " probe jobs queued or "
                    + "running (mixguard.probe.max-concurrent-jobs), found " + active, config.retryAfterSeconds());
        }
        ProbeExecutor.Place place = executor.admit();
        try {
            TrackedJob tracked = new TrackedJob(UUID.randomUUID().toString(), model.name(), source, attack.view(),
                    images.size(), model.inputShape(), adversarialMemory);
            ProbeJob job = ProbeJob.start(attack.probe(), model, images, batchSize,
                    attack.budget(config.maxJobTime()), place.token(), tracked.marking(executor.pool()),
                    tracked::onProgress);
            store.add(tracked);
            tracked.attach(job, place::close);
            count(job, model, attack, images.size());
            return tracked;
        } catch (RuntimeException e) {
            place.close();
            throw e;
        }
    }
}
