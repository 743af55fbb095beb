package dev.mixguard.inference;

import dev.mixguard.config.InferenceConfig;
import dev.mixguard.model.InputSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The TensorRT provider options ({@code trt_*}) one model's session gets, as a plain map. */
final class TensorRtOptions {

    private TensorRtOptions() {
    }

    /**
     * Device, fp16, caches, an optimisation profile covering batch 1 to {@code largestRun} (the largest batch
     * the model's batcher hands to ONNX Runtime), and the plan's EPContext options.
     */
    static Map<String, String> of(InferenceConfig config, InputSpec input, int largestRun, EpContextPlan plan) {
        InferenceConfig.TensorRt trt = config.tensorrt();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", Integer.toString(config.cuda().deviceId()));
        options.put("trt_fp16_enable", trt.fp16() ? "1" : "0");
        cache(options, "trt_engine_cache", trt.engineCacheDir());
        cache(options, "trt_timing_cache", trt.timingCacheDir());
        options.put("trt_profile_min_shapes", profileShape(input, 1));
        options.put("trt_profile_opt_shapes", profileShape(input, optBatch(trt, largestRun)));
        options.put("trt_profile_max_shapes", profileShape(input, largestRun));
        options.putAll(plan.tensorRtOptions());
        return options;
    }

    /** Checks once at start-up that {@code opt-batch}, when set, lies in 1..{@code requestLimit}. */
    static void checkOptBatch(InferenceConfig.TensorRt trt, int requestLimit) {
        int opt = trt.optBatch().orElse(requestLimit);
        if (opt < 1 || opt > requestLimit) {
            throw new IllegalArgumentException("mixguard.inference.tensorrt.opt-batch: expected 1 to " + requestLimit
                    + " (mixguard.limits.max-batch), found " + opt);
        }
    }

    /** The batch TensorRT optimises for: {@code opt-batch} capped at the largest run, else the largest run. */
    static int optBatch(InferenceConfig.TensorRt trt, int largestRun) {
        return Math.min(trt.optBatch().orElse(largestRun), largestRun);
    }

    /** A TensorRT optimisation-profile shape such as {@code image:64x1x28x28}. */
    static String profileShape(InputSpec input, int batch) {
        return input.name() + ":" + batch + "x" + input.channels() + "x" + input.height() + "x" + input.width();
    }

    private static void cache(Map<String, String> options, String prefix, Optional<String> dir) {
        if (dir.isPresent()) {
            options.put(prefix + "_enable", "1");
            options.put(prefix + "_path", dir.get());
        }
    }
}
