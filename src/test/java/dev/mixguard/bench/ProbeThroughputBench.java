package dev.mixguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.ModelRegistry;
import dev.mixguard.probe.AttackSettings;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.LabelledImage;
import dev.mixguard.probe.Norm;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.ProbeControl;
import dev.mixguard.probe.ProgressListener;
import dev.mixguard.probe.QueryBudget;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evidence, not a test (bench/probe-throughput.sh runs it): Square's forward passes per second through
 * {@link Probe} against raw ONNX Runtime images per second at the same batch size, on the served session, in three
 * alternating rounds; written to bench/results/probe-throughput.json.
 *
 * <p>Every image of the batch is attacked against its own clean prediction in a ball too small to flip it, so the
 * batch stays full and both sides run the same batch size.
 */
@QuarkusTest
class ProbeThroughputBench {

    private static final Path OUT = Path.of("bench", "results", "probe-throughput.json");
    private static final int ROUNDS = 3;

    @Inject
    ModelRegistry registry;

    @Test
    void probeQueriesPerSecondAgainstRawImagesPerSecond() throws Exception {
        int batch = Integer.getInteger("bench.batch", 64);
        int steps = Integer.getInteger("bench.steps", 300);
        LoadedModel model = BenchModel.ready(registry, System.getProperty("bench.model", "fashion-mnist"));
        List<LabelledImage> images = BenchModel.probeSet(model, batch).stream()
                .map(i -> LabelledImage.unlabelled(i.pixels())).toList();
        List<float[]> pixels = images.stream().map(LabelledImage::pixels).toList();
        probe(model, images, 50);
        raw(model, pixels, 50);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> probe = probe(model, images, steps);
            double rawRate = raw(model, pixels, steps);
            probe.put("raw_images_per_s", rawRate);
            probe.put("ratio", (double) probe.get("queries_per_s") / rawRate);
            rounds.add(probe);
            System.err.println("probe-throughput: " + probe);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.name());
        out.put("model_sha256", BenchModel.sha256(model.file()));
        out.put("provider", model.provider().id());
        out.put("batch", batch);
        out.put("steps", steps);
        out.put("rounds", rounds);
        Files.createDirectories(OUT.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(OUT.toFile(), out);
    }

    /** One Square run of {@code steps} steps over the batch: forward passes per second and mean batch size. */
    private static Map<String, Object> probe(LoadedModel model, List<LabelledImage> images, int steps) {
        BenchModel.Counting counting = new BenchModel.Counting(model);
        AttackSettings settings = new AttackSettings(Norm.LINF, 1e-4, steps, 1, 0.8, 1);
        ProbeControl control = ProbeControl.start(QueryBudget.covering(settings, Duration.ofHours(1)),
                new CancellationToken());
        long start = System.nanoTime();
        Probe.square(settings).run(counting, images, 0, control, ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("queries_per_s", counting.images.sum() / seconds);
        row.put("mean_batch", counting.images.doubleValue() / counting.calls.sum());
        row.put("calls", counting.calls.sum());
        return row;
    }

    /** {@code calls} runs of the same batch straight on the session: images per second. */
    private static double raw(LoadedModel model, List<float[]> batch, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            model.classify(batch);
        }
        return (double) calls * batch.size() / ((System.nanoTime() - start) / 1e9);
    }
}
