package dev.mixguard.api.probe.jobs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs the service remembers, oldest first; past the retention limit the oldest finished ones are dropped (and
 * give back the memory their adversarial examples held).
 */
final class JobStore {

    private final int maxRetained;
    private final Map<String, TrackedJob> jobs = new LinkedHashMap<>();

    JobStore(int maxRetained) {
        if (maxRetained < 1) {
            throw new IllegalArgumentException("mixguard.probe.max-retained-jobs: expected at least 1, found "
                    + maxRetained);
        }
        this.maxRetained = maxRetained;
    }

    /** Adds {@code job}, then drops the oldest finished jobs while more than the limit are kept. */
    synchronized void add(TrackedJob job) {
        jobs.put(job.id(), job);
        Iterator<TrackedJob> oldestFirst = jobs.values().iterator();
        while (jobs.size() > maxRetained && oldestFirst.hasNext()) {
            TrackedJob oldest = oldestFirst.next();
            if (oldest.state().finished()) {
                oldestFirst.remove();
                oldest.forget();
            }
        }
    }

    /** Jobs not yet finished. */
    synchronized int active() {
        return (int) jobs.values().stream().filter(j -> !j.state().finished()).count();
    }

    /** The job {@code id} of model {@code model}, if kept. */
    synchronized Optional<TrackedJob> get(String model, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.model().equals(model));
    }

    /** Every kept job of {@code model}, oldest first. */
    synchronized List<TrackedJob> of(String model) {
        List<TrackedJob> out = new ArrayList<>();
        jobs.values().stream().filter(j -> j.model().equals(model)).forEach(out::add);
        return out;
    }

    /** Forgets job {@code id}, giving back what it kept. */
    synchronized void remove(String id) {
        TrackedJob job = jobs.remove(id);
        if (job != null) {
            job.forget();
        }
    }

    synchronized int size() {
        return jobs.size();
    }
}
