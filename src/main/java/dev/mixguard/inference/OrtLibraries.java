package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where ONNX Runtime's native libraries came from and what they were built with, for health and logs. */
public final class OrtLibraries {

    /** The JVM system property ONNX Runtime reads to load its libraries from a folder instead of its jar. */
    public static final String NATIVE_PATH = "onnxruntime.native.path";

    /** The kept copy {@link #useKeptCopy()} pointed ONNX Runtime at, if it did. */
    private static volatile Path keptCopy;

    private OrtLibraries() {
    }

    /**
     * Without {@code -Donnxruntime.native.path}, points ONNX Runtime at a copy of its jar's libraries kept under
     * {@code java.io.tmpdir} (made on the first start), sparing each later start the copy out of the jar; call it
     * before ONNX Runtime loads. Does nothing when the folder was given or no copy can be kept.
     */
    public static synchronized void useKeptCopy() {
        if (nativePath().isPresent()) {
            return;
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "mixguard-onnxruntime");
        OrtNativeCache.folder(OrtEnvironment.class, root).ifPresent(folder -> {
            keptCopy = folder;
            System.setProperty(NATIVE_PATH, folder.toString());
        });
    }

    /** The folder given as {@code -Donnxruntime.native.path}, if any. */
    public static Optional<String> nativePath() {
        return Optional.ofNullable(System.getProperty(NATIVE_PATH)).filter(path -> !path.isBlank());
    }

    /** How the libraries were found, in words: the folder, or "not set" with what that means. */
    public static String nativePathDescription() {
        Path kept = keptCopy;
        if (kept != null) {
            return kept + " (the onnxruntime jar's libraries, copied there once and kept)";
        }
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
