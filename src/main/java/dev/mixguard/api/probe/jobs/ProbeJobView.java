package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.probe.ProbeProgress;

/**
 * GET .../probe-jobs/{id}: a job's state, what it runs, its progress, and once finished its result.
 *
 * @param source   what the job covers: "bundled probe set, first N" or "N uploaded images"
 * @param progress images done and total, robust so far (an upper bound), forward passes spent
 * @param error    why the job failed, or why it was cancelled when this instance's shutdown stopped it; else null
 * @param result   the result once finished (rows only where asked for), or null
 */
public record ProbeJobView(String id, String model, JobState state, String source, ResolvedAttack.View attack,
        ProbeProgress progress, String createdAt, String finishedAt, String error, JobResult result) {
}
