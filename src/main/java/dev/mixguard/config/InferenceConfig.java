package dev.mixguard.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
}
