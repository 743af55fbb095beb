package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.InternalErrors;
import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.model.ImageShape;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.ProbeJob;
import dev.mixguard.probe.ProbeProgress;
import dev.mixguard.probe.ProbeSummary;
import io.smallrye.mutiny.Multi;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One probe job as the service keeps it: what it covers, its state and progress, its event stream, and once it
 * ends its compact result, CSV and the adversarial examples it found as PNGs (as many as the shared memory cap
 * holds; the job itself, with its float images, is then let go).
 */
final class TrackedJob {

    /** How a job ended. */
    private record Ending(JobState state, Instant at, JobResult result, String csv, String error,
            AdversarialPngs adversarial) {
    }

    private static final Logger LOG = Logger.getLogger(TrackedJob.class);

    private final String id;
    private final String model;
    private final String source;
    private final ResolvedAttack.View attack;
    private final ImageShape shape;
    private final AdversarialMemory memory;
    private final Instant created = Instant.now();
    private final JobEvents events;
    private volatile boolean started;
    private volatile ProbeProgress progress;
    private volatile ProbeJob job;
    private volatile Ending ending;

    TrackedJob(String id, String model, String source, ResolvedAttack.View attack, int images, ImageShape shape,
            AdversarialMemory memory) {
        this.id = id;
        this.model = model;
        this.source = source;
        this.attack = attack;
        this.shape = shape;
        this.memory = memory;
        this.progress = ProbeProgress.start(images);
        this.events = new JobEvents(JobEvent.progress(view(false)));
    }

    String id() {
        return id;
    }

    String model() {
        return model;
    }

    /** {@code pool}, noting when the job's first task starts. */
    Executor marking(Executor pool) {
        return task -> pool.execute(() -> {
            started = true;
            task.run();
        });
    }

    /** Receives the job's progress (on the probe thread) and publishes it. */
    void onProgress(ProbeProgress snapshot) {
        progress = snapshot;
        events.publish(JobEvent.progress(view(false)));
    }

    /** Follows {@code running}; when it ends runs {@code onEnd} first, so whoever sees it ended sees it gone. */
    void attach(ProbeJob running, Runnable onEnd) {
        job = running;
        running.result().whenComplete((summary, error) -> {
            onEnd.run();
            end(running, summary, error);
        });
    }

    /** Asks a queued or running job to stop; the running batch stops before its next step. */
    void cancel() {
        ProbeJob running = job;
        if (running != null) {
            running.cancel();
        }
    }

    JobState state() {
        Ending end = ending;
        if (end != null) {
            return end.state();
        }
        return started ? JobState.RUNNING : JobState.QUEUED;
    }

    /** The job as JSON, with or without the per-image rows of its result. */
    ProbeJobView view(boolean rows) {
        Ending end = ending;
        JobResult result = end == null || end.result() == null ? null
                : rows ? end.result() : end.result().withoutRows();
        return new ProbeJobView(id, model, state(), source, attack, progress, created.toString(),
                end == null ? null : end.at().toString(), end == null ? null : end.error(), result);
    }

    /** The per-image rows as CSV once the job has ended with a result. */
    Optional<String> csv() {
        Ending end = ending;
        return end == null ? Optional.empty() : Optional.ofNullable(end.csv());
    }

    /**
     * The PNG of the adversarial example the job found for image {@code index}: 409 before the job has ended with
     * a result, 404 (saying why) when the image has none or it was not kept.
     */
    byte[] adversarialPng(int index) {
        Ending end = ending;
        if (end == null || end.result() == null) {
            throw new JobNotReadyException(id, state());
        }
        String image = "image " + index + " of probe job \"" + id + "\"";
        JobResult.Row row = end.result().row(index).orElseThrow(() -> new NoAdversarialImageException(image
                + ": expected an image the job probed (0 to " + (end.result().imagesProbed() - 1) + "), found none"));
        if (!row.found()) {
            throw new NoAdversarialImageException(image + ": expected an adversarial example, found none (status "
                    + row.status() + ")");
        }
        return end.adversarial().png(index).orElseThrow(() -> new NoAdversarialImageException(image + ": expected "
                + "its adversarial example kept, found it dropped: finished jobs keep their examples up to "
                + memory.limit() + " bytes in all (mixguard.probe.kept-adversarial-memory)"));
    }

    /** Gives back what the ended job keeps; called when the service forgets the job. */
    void forget() {
        Ending end = ending;
        if (end != null && end.adversarial() != null) {
            end.adversarial().release();
        }
    }

    /** Server-Sent Events: the latest state, each progress snapshot, then "done". */
    Multi<JobEvent> events() {
        return events.stream();
    }

    private void end(ProbeJob running, ProbeSummary summary, Throwable error) {
        progress = running.progress();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            ending = new Ending(JobState.FAILED, Instant.now(), null, null, "expected the job to run to its end, "
                    + "found " + InternalErrors.describe(cause, "probe job " + id + " on model " + model), null);
        } else {
            Optional<CancellationToken.Cause> cancelled = running.cancelCause();
            JobState state = summary.complete() ? JobState.SUCCEEDED
                    : cancelled.isPresent() ? JobState.CANCELLED : JobState.TIMED_OUT;
            String reason = state == JobState.CANCELLED && cancelled.get() == CancellationToken.Cause.SHUTDOWN
                    ? shutdownReason(summary) : null;
            AdversarialPngs kept = AdversarialPngs.keep(summary.rows(), shape, memory);
            String images = "/v1/models/" + model + "/probe-jobs/" + id + "/adversarial/";
            ending = new Ending(state, Instant.now(), JobResult.of(summary, attack,
                    index -> kept.has(index) ? images + index : null), summary.csv(), reason, kept);
        }
        job = null;
        if (ending.error() != null) {
            LOG.warnf("probe job %s of model %s ended %s: %s", id, model, ending.state().id(), ending.error());
        }
        events.close(JobEvent.done(view(false)));
    }

    private static String shutdownReason(ProbeSummary summary) {
        return "expected the job to run to its end, found this instance shutting down after " + summary.imagesProbed()
                + " of " + summary.imagesRequested() + " images (" + summary.stoppedEarly() + " of them cut short); "
                + "start it again on another instance";
    }
}
