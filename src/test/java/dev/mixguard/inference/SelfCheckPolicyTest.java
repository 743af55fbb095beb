package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.config.InferenceConfig;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-check's tolerance per provider and its failure mode, as read from mixguard.inference.self-check. */
class SelfCheckPolicyTest {

    private static final String PREFIX = "mixguard.inference.self-check.";

    @Test
    void defaultsHoldCpuToTheParityBoundAndGpusToTf32HeadroomAndFailTheModel() {
        SelfCheckPolicy policy = SelfCheckPolicy.of(config(Map.of()));
        assertEquals(new SelfCheckPolicy.Tolerance(1e-4, PREFIX + "tolerance.cpu"),
                policy.tolerances().apply(ExecutionProvider.CPU));
        assertEquals(new SelfCheckPolicy.Tolerance(5e-3, PREFIX + "tolerance.cuda"),
                policy.tolerances().apply(ExecutionProvider.CUDA));
        assertEquals(new SelfCheckPolicy.Tolerance(5e-3, PREFIX + "tolerance.tensorrt"),
                policy.tolerances().apply(ExecutionProvider.TENSORRT));
        assertFalse(policy.fallback());
    }

    @Test
    void fp16TensorRtEnginesGetTheLooserFp16Tolerance() {
        SelfCheckPolicy policy = SelfCheckPolicy.of(config(Map.of("mixguard.inference.tensorrt.fp16", "true")));
        assertEquals(new SelfCheckPolicy.Tolerance(0.25, PREFIX + "tolerance.tensorrt-fp16"),
                policy.tolerances().apply(ExecutionProvider.TENSORRT));
        SelfCheckPolicy tight = SelfCheckPolicy.of(config(Map.of("mixguard.inference.tensorrt.fp16", "true",
                PREFIX + "tolerance.tensorrt-fp16", "0.05")));
        assertEquals(0.05, tight.tolerances().apply(ExecutionProvider.TENSORRT).value());
    }

    @Test
    void fallbackAndEachToleranceAreConfigurable() {
        SelfCheckPolicy policy = SelfCheckPolicy.of(config(Map.of(PREFIX + "on-failure", "fallback",
                PREFIX + "tolerance.cpu", "0")));
        assertTrue(policy.fallback());
        assertEquals(0, policy.tolerances().apply(ExecutionProvider.CPU).value());
    }

    @Test
    void aNegativeToleranceIsRefusedNamingItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelfCheckPolicy.of(config(Map.of(PREFIX + "tolerance.cuda", "-1e-3"))));
        assertEquals(PREFIX + "tolerance.cuda: expected a finite tolerance >= 0, found -0.001", e.getMessage());
    }

    private static InferenceConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(InferenceConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(InferenceConfig.class);
    }
}
