package dev.mixguard.api.probe.jobs;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fans a job's events out to its Server-Sent Event subscribers: each one first gets the latest event, then every
 * later one; the "done" event completes every stream. A slow subscriber only ever misses intermediate progress.
 */
final class JobEvents {

    private final List<MultiEmitter<? super JobEvent>> subscribers = new ArrayList<>();
    private JobEvent latest;
    private boolean closed;

    JobEvents(JobEvent initial) {
        this.latest = initial;
    }

    /** A stream of this job's events, from the latest one on. */
    Multi<JobEvent> stream() {
        return Multi.createFrom().<JobEvent>emitter(this::subscribe, BackPressureStrategy.LATEST);
    }

    /** Sends {@code event} to every subscriber. */
    synchronized void publish(JobEvent event) {
        if (closed) {
            return;
        }
        latest = event;
        subscribers.forEach(s -> s.emit(event));
    }

    /** Sends the last event and ends every stream; later subscribers get it and end at once. */
    synchronized void close(JobEvent last) {
        closed = true;
        latest = last;
        List<MultiEmitter<? super JobEvent>> ending = List.copyOf(subscribers);
        subscribers.clear();
        for (MultiEmitter<? super JobEvent> s : ending) {
            s.emit(last);
            s.complete();
        }
    }

    /** Emitting under the lock keeps every subscriber's events in order; emitters never block. */
    private synchronized void subscribe(MultiEmitter<? super JobEvent> emitter) {
        emitter.emit(latest);
        if (closed) {
            emitter.complete();
            return;
        }
        subscribers.add(emitter);
        emitter.onTermination(() -> remove(emitter));
    }

    private synchronized void remove(MultiEmitter<? super JobEvent> emitter) {
        subscribers.remove(emitter);
    }
}
