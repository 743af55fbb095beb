package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where ONNX Runtime's native libraries came from and what they were built with, for health and logs. */
public final class OrtLibraries {

    /** The JVM system property ONNX Runtime reads to load its libraries from a folder instead of its jar. */
    public static final String NATIVE_PATH = "onnxruntime.native.path";

    private OrtLibraries() {
    }

    /** The folder given as {@code -Donnxruntime.native.path}, if any. */
    public static Optional<String> nativePath() {
        return Optional.ofNullable(System.getProperty(NATIVE_PATH)).filter(path -> !path.isBlank());
    }

    /** How the libraries were found, in words: the folder, or "not set" with what that means. */
    public static String nativePathDescription() {
        return nativePath().orElse("not set: libraries extracted from the onnxruntime jar to a temporary folder");
    }

    /**
     * The providers the loaded library was built with, e.g. "CPU, CUDA, TENSOR_RT"; built with is not working,
     * only an opened session proves a provider.
     */
    public static String builtProviders() {
        return OrtEnvironment.getAvailableProviders().stream().map(OrtProvider::name).sorted()
                .collect(Collectors.joining(", "));
    }
}
