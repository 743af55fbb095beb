package dev.mixguard.api.probe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.api.probe.FakeModel;
import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.probe.AttackSettings;
import dev.mixguard.probe.LabelledImage;
import dev.mixguard.probe.LinearClassifier;
import dev.mixguard.probe.Norm;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.ProbeJob;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job store keeps at most its limit, dropping the oldest finished jobs and never a running one. */
class JobStoreTest {

    private static final LinearClassifier MODEL = FakeModel.brightness(0.45);

    @Test
    void theOldestFinishedJobsAreDroppedPastTheLimit() throws Exception {
        JobStore store = new JobStore(2);
        TrackedJob waiting = job("waiting", command -> { });
        TrackedJob first = finished("first");
        TrackedJob second = finished("second");
        store.add(waiting);
        store.add(first);
        store.add(second);
        assertEquals(2, store.size());
        assertTrue(store.get("fake", "waiting").isPresent(), "a job that has not ended is never dropped");
        assertFalse(store.get("fake", "first").isPresent(), "the oldest finished job goes first");
        assertTrue(store.get("fake", "second").isPresent());
        assertEquals(1, store.active());
        assertFalse(store.get("other-model", "second").isPresent(), "ids are looked up per model");
    }

    private static TrackedJob finished(String id) throws Exception {
        TrackedJob job = job(id, Runnable::run);
        for (int i = 0; i < 100 && !job.state().finished(); i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertEquals(JobState.SUCCEEDED, job.state());
        return job;
    }

    /** A one-image job whose tasks run on {@code executor} (one that drops them never starts). */
    private static TrackedJob job(String id, Executor executor) {
        Probe probe = Probe.square(new AttackSettings(Norm.LINF, 0.01, 5, 1, 0.8, 0));
        ResolvedAttack attack = new ResolvedAttack(probe, null);
        TrackedJob tracked = new TrackedJob(id, "fake", "test", attack.view(), 1);
        ProbeJob running = ProbeJob.start(probe, MODEL, List.of(new LabelledImage(FakeModel.grey(0.4f), 0)),
                1, attack.budget(Duration.ofMinutes(1)), tracked.marking(executor), tracked::onProgress);
        tracked.attach(running, () -> { });
        return tracked;
    }
}
