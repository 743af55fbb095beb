package dev.mixguard.probe;

import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Images, budgets and one-call probe runs shared by the probe tests. */
final class Fixtures {

    static final ImageShape SHAPE = new ImageShape(3, 10, 10);
    static final Duration AMPLE_TIME = Duration.ofMinutes(5);

    private Fixtures() {
    }

    /** An interior image: {@code base} plus up to +-0.05 of noise from {@code seed}. */
    static float[] image(ImageShape shape, float base, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = base + (float) (0.1 * rng.nextDouble() - 0.05);
        }
        return x;
    }

    /** Images at bases 0.3, 0.5, 0.7, ... so small balls around them are disjoint. */
    static List<float[]> images(ImageShape shape, int count) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(image(shape, 0.3f + 0.2f * (i % 3), 100 + i));
        }
        return out;
    }

    /** Each image labelled 0. */
    static List<LabelledImage> labelledZero(List<float[]> images) {
        return images.stream().map(x -> new LabelledImage(x, 0)).toList();
    }

    /** Runs {@code probe} on every image as one batch, with ample time, {@code maxQueries} per image. */
    static List<ProbeResult> run(Probe probe, Classifier model, List<float[]> images, int maxQueries) {
        ProbeControl control = ProbeControl.start(new QueryBudget(maxQueries, AMPLE_TIME), new CancellationToken());
        return probe.run(model, labelledZero(images), 0, control, ProgressListener.NONE);
    }
}
