package dev.mixguard.inference;

/** An execution provider that was tried for a model and could not be used, with ONNX Runtime's reason. */
public record SkippedProvider(String provider, String reason) {
}
