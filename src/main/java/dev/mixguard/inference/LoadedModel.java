package dev.mixguard.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.Scores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One served model: its open session, spec, execution provider, default knobs and engine self-check; runs batches
 * on it.
 */
public final class LoadedModel implements Classifier, AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path file;
    private final ModelSpec spec;
    private final OpenedSession.Choice providers;
    private final Knobs defaultKnobs;
    private final int largestRun;
    private final ParityReport selfCheck;
    /** Each thread that runs the model builds its input tensors in buffers of its own, kept between runs. */
    private final ThreadLocal<TensorBuilder> tensors;

    LoadedModel(OrtEnvironment env, OpenedSession opened, Path file, ModelSpec spec, Knobs defaultKnobs,
            int largestRun) {
        this(env, opened, file, spec, defaultKnobs, largestRun, null);
    }

    private LoadedModel(OrtEnvironment env, OpenedSession opened, Path file, ModelSpec spec, Knobs defaultKnobs,
            int largestRun, ParityReport selfCheck) {
        this.env = env;
        this.session = opened.session();
        this.providers = opened.choice();
        this.file = file;
        this.spec = spec;
        this.defaultKnobs = defaultKnobs;
        this.largestRun = largestRun;
        this.selfCheck = selfCheck;
        this.tensors = ThreadLocal.withInitial(() -> new TensorBuilder(env, spec.input().shape()));
    }

    /** This model, on the same session, carrying the self-check it passed; the session now belongs to the copy. */
    LoadedModel withSelfCheck(ParityReport report) {
        return new LoadedModel(env, new OpenedSession(session, providers), file, spec, defaultKnobs, largestRun,
                report);
    }

    /** The name the model is served under (its folder's and its spec's name). */
    public String name() {
        return spec.name();
    }

    /** What the model declares about itself. */
    public ModelSpec spec() {
        return spec;
    }

    /** The ONNX file it was loaded from. */
    public Path file() {
        return file;
    }

    /** The execution provider the session runs on. */
    public ExecutionProvider provider() {
        return providers.provider();
    }

    /** The file the session was created from: the model, or its pre-compiled EPContext model on TensorRT. */
    public Path source() {
        return providers.source();
    }

    /** Providers tried before the one in use, with the reason each was unavailable. */
    public List<SkippedProvider> skippedProviders() {
        return providers.skipped();
    }

    /**
     * The largest batch its session was prepared for (warmed up, and covered by TensorRT's optimisation profile):
     * the batcher's max-batch-size, or mixguard.limits.max-batch with batching off.
     */
    public int largestRun() {
        return largestRun;
    }

    /** The engine self-check it passed after warm-up; empty when its folder holds no parity vectors. */
    public Optional<ParityReport> selfCheck() {
        return Optional.ofNullable(selfCheck);
    }

    /** Knobs fed when a request does not override them: the spec's, with the operator's config applied. */
    public Knobs defaultKnobs() {
        return defaultKnobs;
    }

    @Override
    public ImageShape inputShape() {
        return spec.input().shape();
    }

    @Override
    public int numClasses() {
        return spec.numClasses();
    }

    @Override
    public List<Scores> classify(List<float[]> images) {
        return run(images, defaultKnobs);
    }

    /** Runs one batch of flat CHW images in [0, 1] under the given knobs; safe to call from many threads. */
    public List<Scores> run(List<float[]> images, Knobs knobs) {
        if (images.isEmpty()) {
            return List.of();
        }
        TensorBuilder builder = tensors.get();
        try (OnnxTensor image = builder.images(images);
                OnnxTensor gammaBias = builder.scalar(0, knobs.gammaBias());
                OnnxTensor alphaLow = builder.scalar(1, knobs.alphaLow());
                OnnxTensor alphaHigh = builder.scalar(2, knobs.alphaHigh());
                OrtSession.Result result = session.run(Map.of(spec.input().name(), image,
                        Knobs.GAMMA_BIAS, gammaBias, Knobs.ALPHA_LOW, alphaLow, Knobs.ALPHA_HIGH, alphaHigh))) {
            return ScoresReader.read(result, images.size(), spec.numClasses());
        } catch (OrtException e) {
            throw new InferenceException("model \"" + name() + "\" on " + provider().id()
                    + ": expected ONNX Runtime to run the batch, found it failed (" + e.getCode() + ")", e);
        }
    }

    /** Runs an all-zero batch of each size once, so first requests do not pay for lazy initialisation. */
    void warmUp(List<Integer> batchSizes) {
        for (int size : batchSizes) {
            List<float[]> zeros = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                zeros.add(new float[inputShape().size()]);
            }
            run(zeros, defaultKnobs);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
