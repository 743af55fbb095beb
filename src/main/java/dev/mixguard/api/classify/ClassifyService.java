package dev.mixguard.api.classify;

import dev.mixguard.api.BatchTooLargeException;
import dev.mixguard.api.ImageInput;
import dev.mixguard.api.RequestImages;
import dev.mixguard.config.KnobsConfig;
import dev.mixguard.config.LimitsConfig;
import dev.mixguard.inference.BatchResult;
import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.Prediction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Classifies a request's images: checks its limits and knobs, decodes images on a worker thread, runs the
 * model through the inference service and builds the response.
 */
@ApplicationScoped
public class ClassifyService {

    private static final int DEFAULT_TOP_K = 5;

    private final InferenceService inference;
    private final KnobsConfig knobsConfig;
    private final LimitsConfig limits;
    private final RequestImages requestImages;

    ClassifyService(InferenceService inference, KnobsConfig knobsConfig, LimitsConfig limits,
            RequestImages requestImages) {
        this.inference = inference;
        this.knobsConfig = knobsConfig;
        this.limits = limits;
        this.requestImages = requestImages;
    }

    /** Classifies a request's images, in any of the three body forms. */
    public Uni<ClassifyResponse> classify(String modelName, ImageInput input, ClassifyParams params) {
        long start = System.nanoTime();
        LoadedModel model = inference.model(modelName);
        Settings settings = settings(model, params);
        if (input instanceof ImageInput.Encoded encoded) {
            checkCount(encoded.images().size());
        }
        return requestImages.read(model, input)
                .chain(tensors -> run(model, tensors, settings, start, System.nanoTime() - start));
    }

    /** Refuses empty requests and requests over the batch limit, before any decoding. */
    public void checkCount(int count) {
        if (count == 0) {
            throw new InvalidInputException("expected at least one image, found none");
        }
        if (count > limits.maxBatch()) {
            throw new BatchTooLargeException(limits.maxBatch(), count);
        }
    }

    private Uni<ClassifyResponse> run(LoadedModel model, List<float[]> tensors, Settings settings, long start,
            long decodeNanos) {
        return inference.run(model, tensors, settings.knobs()).map(result -> respond(model, settings, result,
                decodeNanos, System.nanoTime() - start));
    }

    private static ClassifyResponse respond(LoadedModel model, Settings settings, BatchResult result,
            long decodeNanos, long totalNanos) {
        List<Prediction> predictions = result.scores().stream()
                .map(scores -> Prediction.of(scores, model.spec(), settings.knobs(), settings.topK())).toList();
        return new ClassifyResponse(model.name(), model.spec().version(), model.provider().id(), settings.knobs(),
                predictions, ClassifyResponse.Timing.of(decodeNanos, result.queueNanos(), result.runNanos(),
                        totalNanos));
    }

    /** The knobs and top-k a request runs with, after checking its parameters. */
    private record Settings(Knobs knobs, int topK) {
    }

    private Settings settings(LoadedModel model, ClassifyParams params) {
        int classes = model.numClasses();
        Integer asked = params.topK();
        int topK = asked != null ? asked : Math.min(DEFAULT_TOP_K, classes);
        if (topK < 1 || topK > classes) {
            throw new InvalidInputException("top_k: expected 1 to " + classes + ", found " + topK);
        }
        List<String> overrides = params.knobOverrides();
        if (!overrides.isEmpty() && !knobsConfig.requestOverrides()) {
            throw new InvalidInputException("expected no knob overrides (mixguard.knobs.request-overrides is "
                    + "false), found " + String.join(", ", overrides));
        }
        Knobs knobs = params.knobs(model.defaultKnobs());
        return new Settings(knobs, topK);
    }
}
