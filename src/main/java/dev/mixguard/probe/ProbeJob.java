package dev.mixguard.probe;

import dev.mixguard.model.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a probe over labelled images in chunks on a caller's executor, with progress, cancellation and a summary.
 *
 * <p>Chunks run one after another, one task each, so other work can use the executor between them; the wall-time
 * cap counts from the first chunk's start.
 */
public final class ProbeJob {

    private static final System.Logger LOG = System.getLogger(ProbeJob.class.getName());

    private final int total;
    private final ProgressListener listener;
    private final CancellationToken token;
    private final AtomicReference<ProbeProgress> progress;
    private final CompletableFuture<ProbeSummary> result = new CompletableFuture<>();
    private final List<ProbeResult> rows = new ArrayList<>();

    private ProbeJob(int total, CancellationToken token, ProgressListener listener) {
        this.total = total;
        this.token = token;
        this.listener = listener;
        this.progress = new AtomicReference<>(ProbeProgress.start(total));
    }

    /**
     * Queues the job, which stops before its next step once {@code token} is raised (by {@link #cancel()} or by
     * whoever else holds it). Images are numbered 0..n-1 in order, so results do not depend on {@code chunkSize}.
     * If the executor refuses a chunk, {@link #result()} completes with its exception (the first refusal is thrown
     * here).
     */
    public static ProbeJob start(Probe probe, Classifier classifier, List<LabelledImage> images, int chunkSize,
            QueryBudget budget, CancellationToken token, Executor executor, ProgressListener listener) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("expected a chunk size >= 1, found " + chunkSize);
        }
        ProbeJob job = new ProbeJob(images.size(), token, listener);
        List<LabelledImage> work = List.copyOf(images);
        CompletableFuture<ProbeControl> chain =
                CompletableFuture.supplyAsync(() -> ProbeControl.start(budget, job.token), executor);
        for (int from = 0; from < work.size(); from += chunkSize) {
            List<LabelledImage> chunk = work.subList(from, Math.min(work.size(), from + chunkSize));
            int first = from;
            chain = chain.thenApplyAsync(control -> job.runChunk(probe, classifier, chunk, first, control), executor);
        }
        chain.whenComplete((control, error) -> job.finish(error));
        return job;
    }

    /** The latest snapshot: images done, robust so far, queries, over the whole job. */
    public ProbeProgress progress() {
        return progress.get();
    }

    /** Asks the job to stop: the running chunk stops before its next step, later chunks are skipped. */
    public void cancel() {
        token.cancel();
    }

    /** Why the job was asked to stop, or empty while it has not been. */
    public Optional<CancellationToken.Cause> cancelCause() {
        return token.cause();
    }

    /** Completes with the summary (partial when cancelled or out of time), or with the error that ended the job. */
    public CompletableFuture<ProbeSummary> result() {
        return result.copy();
    }

    /** Whether the job has ended, normally or not. */
    public boolean isDone() {
        return result.isDone();
    }

    private ProbeControl runChunk(Probe probe, Classifier classifier, List<LabelledImage> chunk, int first,
            ProbeControl control) {
        ProbeProgress before = progress.get();
        rows.addAll(probe.run(classifier, chunk, first, control, p -> publish(p.addedTo(before, total))));
        return control;
    }

    private void publish(ProbeProgress snapshot) {
        progress.set(snapshot);
        try {
            listener.onProgress(snapshot);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "probe progress listener failed; the job goes on", e);
        }
    }

    private void finish(Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(ProbeSummary.of(total, rows));
        }
    }
}
