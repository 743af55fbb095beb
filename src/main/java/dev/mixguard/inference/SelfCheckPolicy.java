package dev.mixguard.inference;

import dev.mixguard.config.InferenceConfig;
import java.util.function.Function;

/**
 * What the engine self-check holds each provider to, and what a failed check does: fail the model, or fall back to
 * the next provider.
 */
record SelfCheckPolicy(Function<ExecutionProvider, Tolerance> tolerances, boolean fallback) {

    private static final String PREFIX = "mixguard.inference.self-check.tolerance.";

    /** The largest error allowed, and the config key it came from. */
    record Tolerance(double value, String key) {

        Tolerance {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(key + ": expected a finite tolerance >= 0, found " + value);
            }
        }
    }

    /** The configured policy; fp16 TensorRT engines get the tensorrt-fp16 tolerance. Checks every tolerance. */
    static SelfCheckPolicy of(InferenceConfig config) {
        InferenceConfig.Tolerance tolerance = config.selfCheck().tolerance();
        Tolerance cpu = new Tolerance(tolerance.cpu(), PREFIX + "cpu");
        Tolerance cuda = new Tolerance(tolerance.cuda(), PREFIX + "cuda");
        Tolerance tensorrt = config.tensorrt().fp16()
                ? new Tolerance(tolerance.tensorrtFp16(), PREFIX + "tensorrt-fp16")
                : new Tolerance(tolerance.tensorrt(), PREFIX + "tensorrt");
        boolean fallback = config.selfCheck().onFailure() == InferenceConfig.SelfCheck.OnFailure.FALLBACK;
        return new SelfCheckPolicy(provider -> switch (provider) {
            case CPU -> cpu;
            case CUDA -> cuda;
            case TENSORRT -> tensorrt;
        }, fallback);
    }
}
