package dev.mixguard.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.mixguard.config.InferenceConfig;
import dev.mixguard.model.InputSpec;
import java.util.Optional;

/** Builds ONNX Runtime session options for one execution provider from the typed inference config. */
final class SessionOptionsFactory {

    private final InferenceConfig config;
    private final int maxBatch;

    SessionOptionsFactory(InferenceConfig config, int maxBatch) {
        this.config = config;
        this.maxBatch = maxBatch;
    }

    /** Options for the CPU provider alone: threads and graph optimisation. */
    SessionOptions cpu() throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(config.intraOpThreads());
            options.setInterOpNumThreads(config.interOpThreads());
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /**
     * Options registering {@code provider} ahead of ONNX Runtime's implicit CPU fallback. TensorRT is followed
     * by CUDA, as ONNX Runtime recommends, so nodes TensorRT rejects still run on the GPU.
     */
    SessionOptions create(ExecutionProvider provider, InputSpec input) throws OrtException {
        SessionOptions options = cpu();
        try {
            switch (provider) {
                case TENSORRT -> {
                    addTensorRt(options, input);
                    addCuda(options);
                }
                case CUDA -> addCuda(options);
                case CPU -> {
                    // the CPU provider is always registered
                }
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private void addCuda(SessionOptions options) throws OrtException {
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(config.cuda().deviceId())) {
            if (config.cuda().memoryLimit().isPresent()) {
                cuda.add("gpu_mem_limit", Long.toString(config.cuda().memoryLimit().get().asLongValue()));
            }
            options.addCUDA(cuda);
        }
    }

    private void addTensorRt(SessionOptions options, InputSpec input) throws OrtException {
        InferenceConfig.TensorRt settings = config.tensorrt();
        try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(config.cuda().deviceId())) {
            trt.add("trt_fp16_enable", settings.fp16() ? "1" : "0");
            addCache(trt, "trt_engine_cache", settings.engineCacheDir());
            addCache(trt, "trt_timing_cache", settings.timingCacheDir());
            trt.add("trt_profile_min_shapes", profileShape(input, 1));
            trt.add("trt_profile_opt_shapes", profileShape(input, settings.optBatch().orElse(maxBatch)));
            trt.add("trt_profile_max_shapes", profileShape(input, maxBatch));
            options.addTensorrt(trt);
        }
    }

    private static void addCache(OrtTensorRTProviderOptions trt, String prefix, Optional<String> dir)
            throws OrtException {
        if (dir.isPresent()) {
            trt.add(prefix + "_enable", "1");
            trt.add(prefix + "_path", dir.get());
        }
    }

    /** A TensorRT optimisation-profile shape such as {@code image:64x1x28x28}. */
    static String profileShape(InputSpec input, int batch) {
        return input.name() + ":" + batch + "x" + input.channels() + "x" + input.height() + "x" + input.width();
    }
}
