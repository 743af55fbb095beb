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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Evidence, not a test (surefire's default patterns skip it; bench/probe-agreement.sh runs it): the service's Square
 * L-inf (eps 0.1, 5000 queries, p_init 0.8, fixed seed) through {@link Probe} on the served session over the first
 * 500 probe-set images, written to bench/results/probe-agreement.json beside the pipeline's PyTorch Square result
 * on the images both ran (the pipeline's first square_images test images, which are the probe set's first) when
 * models/pipeline/work/eval-adaptive.json exists. A run keeps the rows an earlier run left there for the same model
 * file and attack and attacks only the images after them (each image's stream is seeded by its index, so the result
 * is the same as one long run).
 */
@QuarkusTest
class ProbeAgreementBench {

    private static final Path OUT = Path.of("bench", "results", "probe-agreement.json");
    private static final Path PYTORCH = Path.of("models", "pipeline", "work", "eval-adaptive.json");
    private static final long SEED = 20230331L;
    private static final List<String> ROW_COLUMNS = List.of("index", "label", "clean_class", "status", "queries");

    @Inject
    ModelRegistry registry;

    @Test
    void squareLinfOnTheProbeSet() throws Exception {
        int n = Integer.getInteger("bench.images", 500);
        String name = System.getProperty("bench.model", "fashion-mnist");
        LoadedModel model = BenchModel.ready(registry, name);
        List<LabelledImage> images = BenchModel.probeSet(model, n);
        AttackSettings settings = AttackSettings.autoAttack(Norm.LINF, 0.1, SEED);
        Map<String, Object> attack = Map.of("name", "square", "norm", "linf", "epsilon", settings.epsilon(),
                "queries", settings.iterations(), "restarts", settings.restarts(), "p_init", settings.pInit(),
                "seed", SEED);
        String sha256 = BenchModel.sha256(model.file());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Kept kept = Kept.from(json, sha256, attack, n);
        List<Row> rows = new ArrayList<>(kept.rows());
        ProbeControl control = ProbeControl.start(QueryBudget.covering(settings, Duration.ofHours(2)),
                new CancellationToken());
        long start = System.nanoTime();
        for (ProbeResult r : Probe.square(settings).run(model, images.subList(rows.size(), n), rows.size(), control,
                p -> System.err.printf("probe-agreement: %d/%d done, %d robust so far, %d queries%n",
                        p.imagesDone(), p.imagesTotal(), p.robustSoFar(), p.queries()))) {
            rows.add(new Row(r.index(), r.label(), r.cleanClass(), r.status().name().toLowerCase(Locale.ROOT),
                    r.queries(), r.robust()));
        }
        List<Double> seconds = new ArrayList<>(kept.seconds());
        if (rows.size() > kept.rows().size()) {
            seconds.add((System.nanoTime() - start) / 1e9);
        }

        double[] attackedQueries = rows.stream().filter(Row::cleanCorrect).mapToDouble(Row::queries).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", name);
        out.put("model_version", model.spec().version());
        out.put("model_sha256", sha256);
        out.put("provider", model.provider().id());
        out.put("attack", attack);
        out.put("images", n);
        out.put("clean_accuracy", fraction(rows, Row::cleanCorrect));
        out.put("robust_accuracy", fraction(rows, Row::robust));
        out.put("adversarial_found", rows.stream().filter(r -> r.status().equals("found")).count());
        out.put("mean_queries", Arrays.stream(attackedQueries).average().orElse(0));
        out.put("median_queries", ProbeSummary.median(attackedQueries));
        out.put("seconds", seconds.stream().mapToDouble(Double::doubleValue).sum());
        out.put("seconds_per_run", seconds);
        out.put("java_robust", rows.stream().map(Row::robust).toList());
        out.put("java_rows", rows.stream().map(r -> List.of(r.index(), r.label(), r.cleanClass(), r.status(),
                r.queries())).toList());
        out.put("java_rows_columns", ROW_COLUMNS);
        out.put("pytorch", compare(rows));
        Files.createDirectories(OUT.getParent());
        json.writeValue(OUT.toFile(), out);
        System.err.printf("probe-agreement: robust accuracy %.4f (clean %.4f) on %d images (%d kept from the last run) "
                + "in %.0f s; pytorch: %s%n", out.get("robust_accuracy"), out.get("clean_accuracy"), n,
                kept.rows().size(), (System.nanoTime() - start) / 1e9, out.get("pytorch"));
    }

    private static double fraction(List<Row> rows, Predicate<Row> which) {
        return rows.isEmpty() ? 0 : (double) rows.stream().filter(which).count() / rows.size();
    }

    /** One image's outcome as this bench records it. */
    private record Row(int index, int label, int cleanClass, String status, int queries, boolean robust) {

        boolean cleanCorrect() {
            return cleanClass == label;
        }
    }

    /**
     * The rows of an earlier run kept in {@link #OUT} for the same model file and attack: each image's random stream
     * is seeded by its index, so they are exactly what this run would compute again, and a longer run goes on from
     * them.
     */
    private record Kept(List<Row> rows, List<Double> seconds) {

        static Kept from(ObjectMapper json, String sha256, Map<String, Object> attack, int n) throws IOException {
            if (!Files.isRegularFile(OUT)) {
                return new Kept(List.of(), List.of());
            }
            JsonNode earlier = json.readTree(OUT.toFile());
            if (!earlier.path("model_sha256").asText().equals(sha256)
                    || !earlier.path("attack").equals(asRead(json, attack))
                    || !earlier.path("java_rows_columns").equals(asRead(json, ROW_COLUMNS))) {
                return new Kept(List.of(), List.of());
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < Math.min(n, earlier.path("java_rows").size()); i++) {
                JsonNode r = earlier.path("java_rows").get(i);
                rows.add(new Row(r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt(), r.get(3).asText(),
                        r.get(4).asInt(), earlier.path("java_robust").get(i).asBoolean()));
            }
            List<Double> seconds = new ArrayList<>();
            JsonNode runs = earlier.has("seconds_per_run") ? earlier.get("seconds_per_run") : earlier.path("seconds");
            (runs.isArray() ? runs : json.createArrayNode().add(runs)).forEach(t -> seconds.add(t.asDouble()));
            return new Kept(rows, rows.isEmpty() ? List.of() : seconds);
        }

        /** {@code value} as it reads back from the file (numbers as the parser types them, for equals). */
        private static JsonNode asRead(ObjectMapper json, Object value) throws IOException {
            return json.readTree(json.writeValueAsString(value));
        }
    }

    /** The pipeline's Square result on the same images, and how many images both call robust or both not. */
    private static Map<String, Object> compare(List<Row> rows) throws IOException {
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
