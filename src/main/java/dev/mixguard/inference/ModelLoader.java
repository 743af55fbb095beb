package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.mixguard.config.BatchingConfig;
import dev.mixguard.config.InferenceConfig;
import dev.mixguard.config.KnobsConfig;
import dev.mixguard.config.LimitsConfig;
import dev.mixguard.model.FileErrors;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Loads one model folder in two steps: {@link #check} opens the graph on CPU and checks its spec against the
 * graph (quick, and where a broken model fails) and starts reading its parity vectors in the background, {@link
 * #open} opens it on the preferred execution provider, warms it up and runs the engine self-check on those vectors
 * (slow when TensorRT builds an engine).
 */
@ApplicationScoped
public class ModelLoader implements ModelOpener {

    /** The graph file every model folder holds. */
    public static final String MODEL_FILE = "model.onnx";
    /** Optional human-readable labels, one per line; must agree with the spec when present. */
    public static final String LABELS_FILE = "labels.txt";

    private final OrtEnvironment env;
    private final InferenceConfig inference;
    private final SessionOptionsFactory options;
    private final List<ExecutionProvider> preference;
    private final BatchingConfig batching;
    private final int requestLimit;
    private final InferenceConfig.EpContext epContext;
    private final KnobsConfig knobs;
    private final SelfCheckPolicy selfCheck;

    ModelLoader(InferenceConfig inference, LimitsConfig limits, KnobsConfig knobs, BatchingConfig batching) {
        try (OrtLibraries.KeptCopy kept = OrtLibraries.useKeptCopy()) {
            this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "mixguard");
        }
        this.inference = inference;
        this.options = new SessionOptionsFactory(inference, limits.maxBatch());
        this.preference = inference.providers().stream().map(ExecutionProvider::parse).toList();
        this.batching = batching;
        this.requestLimit = limits.maxBatch();
        TensorRtOptions.checkOptBatch(inference.tensorrt(), requestLimit);
        this.epContext = inference.tensorrt().epContext();
        this.knobs = knobs;
        this.selfCheck = SelfCheckPolicy.of(inference);
    }

    /** Loads the model in {@code folder} on the configured provider preference. */
    public LoadedModel load(Path folder) {
        return load(folder, preference, LoadStage.Listener.NONE);
    }

    /** Loads the model in {@code folder}, trying the given providers in order. */
    public LoadedModel load(Path folder, List<ExecutionProvider> providers) {
        return load(folder, providers, LoadStage.Listener.NONE);
    }

    /** Loads the model in {@code folder}, trying the given providers in order and reporting each stage. */
    LoadedModel load(Path folder, List<ExecutionProvider> providers, LoadStage.Listener listener) {
        return open(check(folder), providers, selfCheck, listener);
    }

    /** Loads the model in {@code folder}, trying the given providers in order under the given self-check policy. */
    LoadedModel load(Path folder, List<ExecutionProvider> providers, SelfCheckPolicy policy) {
        return open(check(folder), providers, policy, LoadStage.Listener.NONE);
    }

    /**
     * Opens {@code folder}'s graph on CPU and checks its spec, labels and knobs: quick, and where a broken model
     * fails, before any GPU engine build.
     */
    CheckedModel check(Path folder) {
        Path file = folder.resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + ": expected an ONNX model file, found none");
        }
        OrtSession cpu = openOnCpu(file);
        try {
            Inspection checked = inspect(folder, file, cpu);
            CompletableFuture<Optional<ParityVectors>> parity = CompletableFuture.supplyAsync(
                    () -> ParityVectors.read(folder, checked.spec()));
            return new CheckedModel(folder, file, checked.spec(), checked.knobs(), parity, cpu);
        } catch (OrtException e) {
            throw new ModelLoadException(file + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a checked model on the configured provider preference, warms it up and runs its self-check: slow when
     * TensorRT builds an engine. Reports each stage to {@code listener}.
     */
    @Override
    public LoadedModel open(CheckedModel checked, LoadStage.Listener listener) {
        return open(checked, preference, selfCheck, listener);
    }

    private LoadedModel open(CheckedModel checked, List<ExecutionProvider> providers, SelfCheckPolicy policy,
            LoadStage.Listener listener) {
        Path file = checked.file();
        try {
            EpContextPlan plan = EpContextPlan.of(epContext, file, checked.name());
            int largestRun = BatchPolicy.of(batching, requestLimit, checked.name()).maxBatchSize();
            SessionOptionsFactory sessions = new SessionOptionsFactory(inference, largestRun);
            Optional<List<Integer>> warmUpSizes = inference.warmupBatchSizes()
                    .map(sizes -> List.copyOf(new TreeSet<>(sizes)));
            SessionAcceptance acceptance = new SessionAcceptance(env, checked, largestRun, warmUpSizes, policy,
                    listener);
            return new ProviderChooser(env, sessions, providers)
                    .open(file, checked.spec().input(), plan, checked.cpuSession(), listener, acceptance);
        } catch (OrtException e) {
            throw new ModelLoadException(file + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private OrtSession openOnCpu(Path file) {
        try (SessionOptions cpuOptions = options.cpu()) {
            return env.createSession(file.toString(), cpuOptions);
        } catch (OrtException e) {
            throw new ModelLoadException(file + ": expected a valid ONNX model, found one ONNX Runtime rejects: "
                    + e.getMessage(), e);
        }
    }

    /** A spec that agrees with its graph, and the knobs the model runs with by default. */
    private record Inspection(ModelSpec spec, Knobs knobs) {
    }

    /** Reads the spec and checks it against the graph and the folder; closes the session on failure. */
    private Inspection inspect(Path folder, Path file, OrtSession session) throws OrtException {
        try {
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            String json = metadata.get(SpecParser.METADATA_KEY);
            if (json == null) {
                throw new IllegalArgumentException("expected metadata key \"" + SpecParser.METADATA_KEY
                        + "\", found keys " + new TreeSet<>(metadata.keySet()));
            }
            ModelSpec spec = SpecParser.parse(json);
            GraphValidator.validate(spec, GraphSignature.of(session));
            checkFolder(folder, spec);
            return new Inspection(spec, defaultKnobs(file, spec));
        } catch (IllegalArgumentException e) {
            session.close();
            throw new ModelLoadException(file + ": " + e.getMessage(), e);
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static void checkFolder(Path folder, ModelSpec spec) {
        String folderName = folder.getFileName().toString();
        if (!folderName.equals(spec.name())) {
            throw new IllegalArgumentException("spec field \"name\": expected the folder's name \"" + folderName
                    + "\", found \"" + spec.name() + "\"");
        }
        Path labelsFile = folder.resolve(LABELS_FILE);
        if (Files.isRegularFile(labelsFile)) {
            List<String> labels = readLabels(labelsFile);
            if (!labels.equals(spec.labels())) {
                throw new IllegalArgumentException(LABELS_FILE + ": expected the spec's labels " + spec.labels()
                        + ", found " + labels);
            }
        }
    }

    private static List<String> readLabels(Path labelsFile) {
        try {
            return Files.readAllLines(labelsFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(LABELS_FILE + ": expected a readable file, found it unreadable: "
                    + FileErrors.describe(e));
        }
    }

    private Knobs defaultKnobs(Path file, ModelSpec spec) {
        KnobsConfig.KnobValues values = knobs.models().get(spec.name());
        if (values == null) {
            return spec.knobs();
        }
        try {
            return spec.knobs().with(values.gammaBias().orElse(null), values.alphaLow().orElse(null),
                    values.alphaHigh().orElse(null));
        } catch (RuntimeException e) {
            throw new ModelLoadException(file + ": mixguard.knobs.model." + spec.name() + ": " + e.getMessage(), e);
        }
    }
}
