package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.probe.ProbeJob;
import dev.mixguard.probe.ProbeProgress;
import dev.mixguard.probe.ProbeSummary;
import io.smallrye.mutiny.Multi;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One probe job as the service keeps it: what it covers, its state and progress, its event stream, and once it
 * ends its compact result and CSV (the job itself, with its adversarial images, is then let go).
 */
final class TrackedJob {

    /** How a job ended. */
    private record Ending(JobState state, Instant at, JobResult result, String csv, String error) {
    }

    private final String id;
    private final String model;
    private final String source;
    private final ResolvedAttack.View attack;
    private final Instant created = Instant.now();
    private final JobEvents events;
    private volatile boolean started;
    private volatile ProbeProgress progress;
    private volatile ProbeJob job;
    private volatile Ending ending;

    TrackedJob(String id, String model, String source, ResolvedAttack.View attack, int images) {
        this.id = id;
        this.model = model;
        this.source = source;
        this.attack = attack;
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

    /** Server-Sent Events: the latest state, each progress snapshot, then "done". */
    Multi<JobEvent> events() {
        return events.stream();
    }

    private void end(ProbeJob running, ProbeSummary summary, Throwable error) {
        progress = running.progress();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            ending = new Ending(JobState.FAILED, Instant.now(), null, null,
                    "expected the job to run to its end, found " + cause);
        } else {
            JobState state = summary.complete() ? JobState.SUCCEEDED
                    : running.cancelRequested() ? JobState.CANCELLED : JobState.TIMED_OUT;
            ending = new Ending(state, Instant.now(), JobResult.of(summary, attack), summary.csv(), null);
        }
        job = null;
        events.close(JobEvent.done(view(false)));
    }
}
