package dev.mixguard.api.probe.jobs;

/** One Server-Sent Event of a job: {@code type} "progress" while it runs, then one "done" with the result. */
public record JobEvent(String type, ProbeJobView job) {

    static JobEvent progress(ProbeJobView job) {
        return new JobEvent("progress", job);
    }

    static JobEvent done(ProbeJobView job) {
        return new JobEvent("done", job);
    }
}
