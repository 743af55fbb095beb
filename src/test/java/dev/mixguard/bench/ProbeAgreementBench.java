package dev.mixguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.mixguard.probe.ProbeResult;
import dev.mixguard.probe.ProbeSummary;
import dev.mixguard.probe.QueryBudget;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evidence, not a test (surefire's default patterns skip it; bench/probe-agreement.sh runs it): the service's Square
 * L-inf (eps 0.1, 5000 queries, p_init 0.8, fixed seed) through {@link Probe} on the served session over the first
 * 500 probe-set images, written to bench/results/probe-agreement.json beside the pipeline's PyTorch Square result
 * on the images both ran (the pipeline's first square_images test images, which are the probe set's first) when
 * models/pipeline/work/eval-adaptive.json exists.
 */
@QuarkusTest
class ProbeAgreementBench {

    private static final Path OUT = Path.of("bench", "results", "probe-agreement.json");
    private static final Path PYTORCH = Path.of("models", "pipeline", "work", "eval-adaptive.json");
    private static final long SEED = 20230331L;

    @Inject
    ModelRegistry registry;

    @Test
    void squareLinfOnTheProbeSet() throws Exception {
        int n = Integer.getInteger("bench.images", 500);
        String name = System.getProperty("bench.model", "fashion-mnist");
        LoadedModel model = BenchModel.ready(registry, name);
        List<LabelledImage> images = BenchModel.probeSet(model, n);
        AttackSettings settings = AttackSettings.autoAttack(Norm.LINF, 0.1, SEED);
        ProbeControl control = ProbeControl.start(QueryBudget.covering(settings, Duration.ofHours(2)),
                new CancellationToken());
        long start = System.nanoTime();
        List<ProbeResult> rows = Probe.square(settings).run(model, images, 0, control,
                p -> System.err.printf("probe-agreement: %d/%d done, %d robust so far, %d queries%n",
                        p.imagesDone(), p.imagesTotal(), p.robustSoFar(), p.queries()));
        double seconds = (System.nanoTime() - start) / 1e9;
        ProbeSummary summary = ProbeSummary.of(n, rows);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", name);
        out.put("model_version", model.spec().version());
        out.put("model_sha256", BenchModel.sha256(model.file()));
        out.put("provider", model.provider().id());
        out.put("attack", Map.of("name", "square", "norm", "linf", "epsilon", settings.epsilon(),
                "queries", settings.iterations(), "restarts", settings.restarts(), "p_init", settings.pInit(),
                "seed", SEED));
        out.put("images", n);
        out.put("clean_accuracy", summary.cleanAccuracy());
        out.put("robust_accuracy", summary.robustAccuracy());
        out.put("adversarial_found", summary.adversarialFound());
        out.put("mean_queries", summary.meanQueries());
        out.put("median_queries", summary.medianQueries());
        out.put("seconds", seconds);
        out.put("java_robust", rows.stream().map(ProbeResult::robust).toList());
        out.put("java_rows", rows.stream().map(r -> List.of(r.index(), r.label(), r.cleanClass(),
                r.status().name().toLowerCase(java.util.Locale.ROOT), r.queries())).toList());
        out.put("java_rows_columns", List.of("index", "label", "clean_class", "status", "queries"));
        out.put("pytorch", compare(rows));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(OUT.getParent());
        json.writeValue(OUT.toFile(), out);
        System.err.printf("probe-agreement: robust accuracy %.4f (clean %.4f) on %d images in %.0f s; pytorch: %s%n",
                summary.robustAccuracy(), summary.cleanAccuracy(), n, seconds, out.get("pytorch"));
    }

    /** The pipeline's Square result on the same images, and how many images both call robust or both not. */
    private static Map<String, Object> compare(List<ProbeResult> rows) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", PYTORCH.toString());
        if (!Files.isRegularFile(PYTORCH)) {
            out.put("status", "expected " + PYTORCH + " from the pipeline's evaluate step, found none yet");
            return out;
        }
        JsonNode perImage = new ObjectMapper().readTree(PYTORCH.toFile()).at("/_per_image/square");
        if (!perImage.isArray() || perImage.isEmpty()) {
            out.put("status", "expected _per_image.square in " + PYTORCH + ", found none");
            return out;
        }
        int n = Math.min(rows.size(), perImage.size());
        int theirs = 0;
        int ours = 0;
        List<Integer> disagree = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pytorchRobust = perImage.get(i).asBoolean();
            theirs += pytorchRobust ? 1 : 0;
            ours += rows.get(i).robust() ? 1 : 0;
            if (pytorchRobust != rows.get(i).robust()) {
                disagree.add(i);
            }
        }
        double pytorch = (double) theirs / n;
        double java = (double) ours / n;
        out.put("status", "compared");
        out.put("images_compared", n);
        out.put("robust_accuracy", pytorch);
        out.put("java_robust_accuracy_same_images", java);
        out.put("difference_points", 100 * (java - pytorch));
        out.put("within_2_points", Math.abs(java - pytorch) <= 0.02);
        out.put("images_agreeing", n - disagree.size());
        out.put("images_disagreeing", disagree);
        return out;
    }
}
