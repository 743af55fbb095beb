package dev.mixguard.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.mixguard.config.InferenceConfig;
import dev.mixguard.model.InputSpec;
import java.util.Map;

/**
 * Builds ONNX Runtime session options for one execution provider from the typed inference config, for models
 * whose largest run (the TensorRT profile's upper end) is {@code largestRun}.
 */
final class SessionOptionsFactory {

    private final InferenceConfig config;
    private final int largestRun;

    SessionOptionsFactory(InferenceConfig config, int largestRun) {
        this.config = config;
        this.largestRun = largestRun;
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
     * by CUDA, as ONNX Runtime recommends, so nodes TensorRT rejects still run on the GPU; its EPContext
     * entries go in before the provider, which reads them when it is added.
     */
    SessionOptions create(ExecutionProvider provider, InputSpec input, EpContextPlan plan) throws OrtException {
        SessionOptions options = cpu();
        try {
            switch (provider) {
                case TENSORRT -> {
                    for (Map.Entry<String, String> entry : plan.sessionEntries().entrySet()) {
                        options.addConfigEntry(entry.getKey(), entry.getValue());
                    }
                    addTensorRt(options, TensorRtOptions.of(config, input, largestRun, plan));
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
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions()) {
            for (Map.Entry<String, String> entry : CudaOptions.of(config.cuda()).entrySet()) {
                cuda.add(entry.getKey(), entry.getValue());
            }
            options.addCUDA(cuda);
        }
    }

    private static void addTensorRt(SessionOptions options, Map<String, String> settings) throws OrtException {
        try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions()) {
            for (Map.Entry<String, String> entry : settings.entrySet()) {
                trt.add(entry.getKey(), entry.getValue());
            }
            options.addTensorrt(trt);
        }
    }
}
