package dev.mixguard.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How ONNX Runtime runs the models: execution providers in preference order, threads and warm-up (concurrent
 * runs and queues are {@link BatchingConfig}'s).
 */
@ConfigMapping(prefix = "mixguard.inference")
public interface InferenceConfig {

    /** Execution providers to try, in order; the first that opens a session is used. */
    @WithDefault("tensorrt,cuda,cpu")
    List<String> providers();

    /** ONNX Runtime threads inside one operator; 0 lets ONNX Runtime choose. */
    @WithDefault("1")
    int intraOpThreads();

    /** ONNX Runtime threads across independent operators; 0 lets ONNX Runtime choose. */
    @WithDefault("1")
    int interOpThreads();

    /** Batch sizes run before a model reports ready; defaults to BatchPolicy.warmUpSizes for its provider. */
    Optional<List<Integer>> warmupBatchSizes();

    /** CUDA provider options. */
    Cuda cuda();

    /** TensorRT provider options. */
    TensorRt tensorrt();

    /** The engine self-check: each model's parity vectors run on the chosen provider after warm-up. */
    SelfCheck selfCheck();

    /** CUDA provider options (also the device TensorRT runs on). */
    interface Cuda {

        /** GPU ordinal ({@code device_id} of the CUDA and TensorRT providers). */
        @WithDefault("0")
        int deviceId();

        /** Upper bound of the CUDA memory arena ({@code gpu_mem_limit}); unbounded when absent. */
        Optional<MemorySize> memoryLimit();
    }

    /** TensorRT provider options. */
    interface TensorRt {

        /** Whether TensorRT may build fp16 kernels. */
        @WithDefault("false")
        boolean fp16();

        /** Folder where built engines persist between starts; engines are rebuilt each start when absent. */
        Optional<String> engineCacheDir();

        /** Folder where kernel timing data persists between starts. */
        Optional<String> timingCacheDir();

        /**
         * Batch size TensorRT optimises for, capped at the model's largest run; defaults to that run. The profile
         * covers batch 1 to the largest run (the batcher's max-batch-size, or mixguard.limits.max-batch).
         */
        OptionalInt optBatch();

        /** ONNX Runtime's EPContext model: a pre-compiled engine written once, then loaded instead of built. */
        EpContext epContext();
    }

    /** Where the pre-compiled {@code _ctx.onnx} model of each model is written and looked for. */
    interface EpContext {

        /** Whether to load {@code <model>_ctx.onnx} when present, and to write it after an engine build if not. */
        @WithDefault("false")
        boolean enabled();

        /** Folder of {@code <name>_ctx.onnx} files; when absent, {@code model_ctx.onnx} in each model's folder. */
        Optional<String> dir();

        /** Whether the engine is embedded in the context model (true) or kept beside it as a file (false). */
        @WithDefault("true")
        boolean embed();
    }

    /** What the engine self-check allows, per provider, and what a failed check does. */
    interface SelfCheck {

        /** What a failed check does: the model is not ready and says why, or the next provider is tried. */
        @WithDefault("fail")
        OnFailure onFailure();

        /** The largest error allowed on each provider. */
        Tolerance tolerance();

        /** What a model whose parity vectors exceed the tolerance does. */
        enum OnFailure {
            /** The model fails to load: not ready, with the errors as the reason. */
            FAIL,
            /** The provider counts as unusable, with the errors as the reason, and the next one is tried. */
            FALLBACK
        }
    }

    /**
     * The largest error allowed per provider: absolute where the expected value's magnitude is at most 1, relative
     * above it. fp16 TensorRT engines get their own, looser one.
     */
    interface Tolerance {

        /** On the CPU provider (the parity tests' bound). */
        @WithDefault("1e-4")
        double cpu();

        /** On CUDA, where cuDNN and cuBLAS may compute fp32 convolutions and products in TF32. */
        @WithDefault("5e-3")
        double cuda();

        /** On TensorRT with fp32 engines (TensorRT may use TF32 for them too). */
        @WithDefault("5e-3")
        double tensorrt();

        /** On TensorRT with {@code mixguard.inference.tensorrt.fp16=true}. */
        @WithName("tensorrt-fp16")
        @WithDefault("0.25")
        double tensorrtFp16();
    }
}
