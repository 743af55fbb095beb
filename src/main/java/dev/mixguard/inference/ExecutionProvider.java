package dev.mixguard.inference;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ONNX Runtime execution providers MixGuard knows how to configure, by their config names. */
public enum ExecutionProvider {
    TENSORRT,
    CUDA,
    CPU;

    /** The name used in config, responses and health. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config name such as "cuda". */
    public static ExecutionProvider parse(String text) {
        for (ExecutionProvider provider : values()) {
            if (provider.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return provider;
            }
        }
        String known = Arrays.stream(values()).map(ExecutionProvider::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "mixguard.inference.providers: expected one of " + known + ", found \"" + text + "\"");
    }
}
