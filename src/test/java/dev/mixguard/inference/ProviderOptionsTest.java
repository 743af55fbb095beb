package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.config.InferenceConfig;
import dev.mixguard.model.Colour;
import dev.mixguard.model.InputSpec;
import dev.mixguard.support.Mappings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the TensorRT and CUDA providers are given for each combination of mixguard.inference.* settings. */
class ProviderOptionsTest {

    private static final InputSpec INPUT = new InputSpec("image", 1, 28, 28, Colour.GREY);
    private static final EpContextPlan NO_CONTEXT = new EpContextPlan(Path.of("m/model.onnx"), false, Map.of(),
            Map.of());

    @Test
    void defaultsGiveDevice0NoFp16NoCachesAndProfilesFrom1ToTheLargestBatch() {
        InferenceConfig config = Mappings.of(InferenceConfig.class, Map.of());
        assertEquals(Map.of(
                "device_id", "0",
                "trt_fp16_enable", "0",
                "trt_profile_min_shapes", "image:1x1x28x28",
                "trt_profile_opt_shapes", "image:64x1x28x28",
                "trt_profile_max_shapes", "image:64x1x28x28"),
                TensorRtOptions.of(config, INPUT, 64, NO_CONTEXT));
        assertEquals(Map.of("device_id", "0"), CudaOptions.of(config.cuda()));
    }

    @Test
    void everySettingReachesItsProviderOption() {
        InferenceConfig config = Mappings.of(InferenceConfig.class, Map.of(
                "mixguard.inference.cuda.device-id", "1",
                "mixguard.inference.cuda.memory-limit", "2G",
                "mixguard.inference.tensorrt.fp16", "true",
                "mixguard.inference.tensorrt.engine-cache-dir", "/var/cache/mixguard/trt",
                "mixguard.inference.tensorrt.timing-cache-dir", "/var/cache/mixguard/timing",
                "mixguard.inference.tensorrt.opt-batch", "8"));
        InputSpec rgb = new InputSpec("pixels", 3, 32, 32, Colour.RGB);
        assertEquals(Map.of(
                "device_id", "1",
                "trt_fp16_enable", "1",
                "trt_engine_cache_enable", "1",
                "trt_engine_cache_path", "/var/cache/mixguard/trt",
                "trt_timing_cache_enable", "1",
                "trt_timing_cache_path", "/var/cache/mixguard/timing",
                "trt_profile_min_shapes", "pixels:1x3x32x32",
                "trt_profile_opt_shapes", "pixels:8x3x32x32",
                "trt_profile_max_shapes", "pixels:32x3x32x32"),
                TensorRtOptions.of(config, rgb, 32, NO_CONTEXT));
        assertEquals(Map.of("device_id", "1", "gpu_mem_limit", Long.toString(2L << 30)),
                CudaOptions.of(config.cuda()));
    }

    @Test
    void theEpContextRequestIsPassedAsTensorRtOptionsToo() {
        InferenceConfig config = Mappings.of(InferenceConfig.class, Map.of());
        EpContextPlan plan = new EpContextPlan(Path.of("m/model.onnx"), false,
                Map.of(EpContextPlan.ENABLE, "1"), Map.of("trt_dump_ep_context_model", "1"));
        assertEquals("1", TensorRtOptions.of(config, INPUT, 64, plan).get("trt_dump_ep_context_model"));
    }

    @Test
    void theProfileEndsAtTheModelsLargestRunAndOptBatchIsCappedThere() {
        InferenceConfig config = Mappings.of(InferenceConfig.class,
                Map.of("mixguard.inference.tensorrt.opt-batch", "48"));
        Map<String, String> options = TensorRtOptions.of(config, INPUT, 32, NO_CONTEXT);
        assertEquals("image:32x1x28x28", options.get("trt_profile_opt_shapes"));
        assertEquals("image:32x1x28x28", options.get("trt_profile_max_shapes"));
        assertEquals("image:16x1x28x28", TensorRtOptions.of(Mappings.of(InferenceConfig.class,
                Map.of("mixguard.inference.tensorrt.opt-batch", "16")), INPUT, 32, NO_CONTEXT)
                .get("trt_profile_opt_shapes"));
    }

    @Test
    void anOptBatchOutsideTheRequestLimitIsRefusedNamingTheKey() {
        for (String opt : new String[] {"0", "65"}) {
            InferenceConfig config = Mappings.of(InferenceConfig.class,
                    Map.of("mixguard.inference.tensorrt.opt-batch", opt));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TensorRtOptions.checkOptBatch(config.tensorrt(), 64));
            assertEquals("mixguard.inference.tensorrt.opt-batch: expected 1 to 64 (mixguard.limits.max-batch), found "
                    + opt, e.getMessage());
        }
    }
}
