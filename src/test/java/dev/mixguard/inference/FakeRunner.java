package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mixguard.model.Knobs;
import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model for batcher tests: each image is {@code [id, 0, 0, 0]} and comes back as Scores whose alpha is its id.
 * Records every run, can hold runs at a gate, and fails runs under chosen knobs.
 */
final class FakeRunner implements BatchRunner {

    /** Floats per image. */
    static final int IMAGE_LENGTH = 4;
    private static final long WAIT_SECONDS = 10;

    /** One run: its knobs and the ids of its images in order. */
    record Run(Knobs knobs, List<Integer> ids) {
    }

    private final List<Run> finished = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<Run> started = new LinkedBlockingQueue<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Knobs failing;

    /** Images with these ids, one request's worth. */
    static List<float[]> images(int... ids) {
        List<float[]> images = new ArrayList<>();
        for (int id : ids) {
            images.add(new float[] {id, 0, 0, 0});
        }
        return images;
    }

    /** The ids of a result's images, read back from alpha. */
    static List<Integer> ids(BatchResult result) {
        return result.scores().stream().map(s -> (int) s.alpha()).toList();
    }

    /** Runs from now on wait at the gate until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Runs under these knobs throw. */
    void failOn(Knobs knobs) {
        failing = knobs;
    }

    /** The next run to start, waiting for it. */
    Run awaitStart() throws InterruptedException {
        Run run = started.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(run, "expected a run to start within " + WAIT_SECONDS + " s, found none");
        return run;
    }

    /** Runs started and not yet taken by {@link #awaitStart}. */
    int startedCount() {
        return started.size();
    }

    /** Runs that returned scores, in the order they finished. */
    List<Run> finished() {
        return List.copyOf(finished);
    }

    @Override
    public List<Scores> run(List<float[]> images, Knobs knobs) {
        Run run = new Run(knobs, images.stream().map(image -> (int) image[0]).toList());
        started.add(run);
        try {
            if (!gate.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("expected the test to release the gate, found it closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (knobs.equals(failing)) {
            throw new IllegalStateException("expected knobs other than " + knobs + ", found them");
        }
        finished.add(run);
        return run.ids().stream().map(id -> new Scores(new float[] {0}, id, new float[] {0}, new float[] {0}))
                .toList();
    }
}
