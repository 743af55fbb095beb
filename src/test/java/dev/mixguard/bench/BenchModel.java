package dev.mixguard.bench;

import dev.mixguard.image.IdxReader;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.ModelRegistry;
import dev.mixguard.inference.ModelUnavailableException;
import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Scores;
import dev.mixguard.probe.LabelledImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** What the probe benches share: the served model once ready, its probe set, and a call-counting wrapper. */
final class BenchModel {

    private BenchModel() {
    }

    /** The served model {@code name}, waiting up to a minute while it loads. */
    static LoadedModel ready(ModelRegistry registry, String name) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return registry.get(name);
            } catch (ModelUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The first {@code n} images of the model's bundled probe set with their labels. */
    static List<LabelledImage> probeSet(LoadedModel model, int n) throws IOException {
        Path folder = model.file().getParent();
        List<float[]> images = IdxReader.images(folder.resolve("probe-images.idx"), model.inputShape(), n);
        int[] labels = IdxReader.labels(folder.resolve("probe-labels.idx"), n);
        List<LabelledImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new LabelledImage(images.get(i), labels[i]));
        }
        return out;
    }

    /** SHA-256 of the model file, so a recorded result names the exact graph it was measured on. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("expected SHA-256 in every JDK, found none", e);
        }
    }

    /** Wraps a classifier, counting model calls and images. */
    static final class Counting implements Classifier {

        final LongAdder calls = new LongAdder();
        final LongAdder images = new LongAdder();
        private final Classifier delegate;

        Counting(Classifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public ImageShape inputShape() {
            return delegate.inputShape();
        }

        @Override
        public int numClasses() {
            return delegate.numClasses();
        }

        @Override
        public List<Scores> classify(List<float[]> batch) {
            calls.increment();
            images.add(batch.size());
            return delegate.classify(batch);
        }
    }
}
