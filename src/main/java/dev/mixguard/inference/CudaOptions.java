package dev.mixguard.inference;

import dev.mixguard.config.InferenceConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The CUDA provider options ({@code device_id}, {@code gpu_mem_limit}) a session gets, as a plain map. */
final class CudaOptions {

    private CudaOptions() {
    }

    /** The device, and the arena limit in bytes when one is configured. */
    static Map<String, String> of(InferenceConfig.Cuda cuda) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", Integer.toString(cuda.deviceId()));
        cuda.memoryLimit().ifPresent(limit -> options.put("gpu_mem_limit", Long.toString(limit.asLongValue())));
        return options;
    }
}
