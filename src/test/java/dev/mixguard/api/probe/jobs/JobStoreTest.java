package dev.mixguard.api.probe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.api.probe.FakeModel;
import dev.mixguard.api.probe.ResolvedAttack;
import dev.mixguard.probe.AttackSettings;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.LabelledImage;
import dev.mixguard.probe.LinearClassifier;
import dev.mixguard.probe.Norm;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.ProbeJob;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The job store keeps at most its limit, dropping the oldest finished jobs and never a running one; what a finished
 * job keeps of its adversarial examples fits the shared cap and is given back when the job is forgotten.
 */
class JobStoreTest {

    private static final LinearClassifier MODEL = FakeModel.brightness(0.45);

    @Test
    void theOldestFinishedJobsAreDroppedPastTheLimit() throws Exception {
        JobStore store = new JobStore(2);
        AdversarialMemory memory = new AdversarialMemory(1 << 20);
        TrackedJob waiting = job("waiting", command -> { }, 0.4f, memory);
        TrackedJob first = finished("first", 0.4f, memory);
        TrackedJob second = finished("second", 0.4f, memory);
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

    @Test
    void aFoundExampleIsKeptAsAPngWithinTheCapAndGivenBackWhenTheJobIsForgotten() throws Exception {
        AdversarialMemory memory = new AdversarialMemory(1 << 20);
        JobStore store = new JobStore(1);
        TrackedJob fooled = finished("fooled", 0.445f, memory);
        store.add(fooled);
        JobResult.Row row = fooled.view(true).result().rows().get(0);
        assertTrue(row.found(), "a grey of 0.445 is lifted past the 0.45 threshold by an L-inf step of 0.01");
        assertEquals("/v1/models/fake/probe-jobs/fooled/adversarial/0", row.adversarialImage());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(fooled.adversarialPng(0)));
        assertEquals(28, png.getWidth());
        int[] pixels = png.getRaster().getPixels(0, 0, 28, 28, (int[]) null);
        assertTrue(Arrays.stream(pixels).allMatch(p -> p >= 111 && p <= 116), "within 0.01 of 0.445 (113.5 of 255)");
        assertTrue(Arrays.stream(pixels).average().orElse(0) > 113.5, "brighter on average than the clean image");
        assertEquals(fooled.adversarialPng(0).length, memory.used(), "the PNG's bytes are charged to the cap");
        store.add(finished("next", 0.4f, memory));
        assertFalse(store.get("fake", "fooled").isPresent());
        assertEquals(0, memory.used(), "a dropped job gives its bytes back");
    }

    @Test
    void aFullCapKeepsNoExampleAndTheRouteSaysWhy() throws Exception {
        TrackedJob fooled = finished("fooled", 0.445f, new AdversarialMemory(10));
        JobResult.Row row = fooled.view(true).result().rows().get(0);
        assertTrue(row.found());
        assertNull(row.adversarialImage(), "a 28x28 PNG does not fit in 10 bytes");
        NoAdversarialImageException dropped = assertThrows(NoAdversarialImageException.class,
                () -> fooled.adversarialPng(0));
        assertTrue(dropped.getMessage().endsWith("found it dropped: finished jobs keep their examples up to 10 bytes "
                + "in all (mixguard.probe.kept-adversarial-memory)"), dropped.getMessage());
        assertThrows(NoAdversarialImageException.class, () -> fooled.adversarialPng(1), "the job probed one image");
        TrackedJob kept = finished("kept", 0.4f, new AdversarialMemory(1 << 20));
        assertTrue(assertThrows(NoAdversarialImageException.class, () -> kept.adversarialPng(0)).getMessage()
                .endsWith("expected an adversarial example, found none (status not_found)"));
        assertThrows(JobNotReadyException.class, () -> job("waiting", command -> { }, 0.4f,
                new AdversarialMemory(0)).adversarialPng(0));
    }

    private static TrackedJob finished(String id, float grey, AdversarialMemory memory) throws Exception {
        TrackedJob job = job(id, Runnable::run, grey, memory);
        for (int i = 0; i < 100 && !job.state().finished(); i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertEquals(JobState.SUCCEEDED, job.state());
        return job;
    }

    /**
     * A one-image job on a uniform {@code grey} image of class 0 whose tasks run on {@code executor} (one that drops
     * them never starts).
     */
    private static TrackedJob job(String id, Executor executor, float grey, AdversarialMemory memory) {
        Probe probe = Probe.square(new AttackSettings(Norm.LINF, 0.01, 5, 1, 0.8, 0));
        ResolvedAttack attack = new ResolvedAttack(probe, null);
        TrackedJob tracked = new TrackedJob(id, "fake", "test", attack.view(), 1, MODEL.inputShape(), memory);
        ProbeJob running = ProbeJob.start(probe, MODEL, List.of(new LabelledImage(FakeModel.grey(grey), 0)),
                1, attack.budget(Duration.ofMinutes(1)), new CancellationToken(), tracked.marking(executor),
                tracked::onProgress);
        tracked.attach(running, () -> { });
        return tracked;
    }
}
