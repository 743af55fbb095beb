package dev.mixguard.api.probe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One Server-Sent Event of POST .../probe/events: {@code type} "progress" while the attack runs, then one "done"
 * carrying the answer POST .../probe gives (and the final progress), or one "error" if the probe failed once the
 * stream was open.
 *
 * @param progress forward passes spent so far, the most the image may cost, and the time since the attack started
 * @param result   the probe's answer, on "done" only
 * @param error    what went wrong, on "error" only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeEvent(String type, Progress progress, ProbeResponse result, String error) {

    /** Queries used so far out of {@code maxQueries} (the attack's max_queries_per_image), and time spent. */
    public record Progress(long queriesUsed, int maxQueries, double elapsedMs) {
    }

    static ProbeEvent progress(Progress progress) {
        return new ProbeEvent("progress", progress, null, null);
    }

    static ProbeEvent done(ProbeResponse result) {
        return new ProbeEvent("done", new Progress(result.queriesUsed(), result.attack().maxQueriesPerImage(),
                result.probeMs()), result, null);
    }

    static ProbeEvent error(String message) {
        return new ProbeEvent("error", null, null, message);
    }
}
