package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Where ONNX Runtime's native libraries came from and what they were built with, for health and logs. */
public final class OrtLibraries {

    /** The JVM system property ONNX Runtime reads to load its libraries from a folder instead of its jar. */
    public static final String NATIVE_PATH = "onnxruntime.native.path";

    /** The folder under {@code java.io.tmpdir} that holds the kept copies. */
    private static final String KEPT_ROOT = "mixguard-onnxruntime";
    private static final Logger LOG = Logger.getLogger(OrtLibraries.class);
    /** Set, JVM-wide, once some class loader's ONNX Runtime loaded the kept copy. */
    private static final String KEPT_COPY_LOADED = "mixguard.onnxruntime.kept-copy-loaded";
    /** The kept copy {@link #useKeptCopy()} pointed this class loader's ONNX Runtime at, if it did. */
    private static volatile Path keptCopy;

    private OrtLibraries() {
    }

    /**
     * Without {@code -Donnxruntime.native.path}, points ONNX Runtime at a copy of its jar's libraries kept under
     * {@code java.io.tmpdir} (made on the first start), sparing each later start the copy out of the jar, until
     * the returned handle is closed: create the environment in between. Closing removes the property again and
     * marks the JVM, so that ONNX Runtime classes of another class loader in the same JVM (a Quarkus test profile,
     * a dev-mode reload), which cannot load a library file already loaded, extract their own copy as before. Does
     * nothing when the folder was given or no copy can be kept.
     */
    public static synchronized KeptCopy useKeptCopy() {
        nativePath().ifPresent(path -> LOG.infof("ONNX Runtime's libraries: loaded from %s (-D%s)",
                Path.of(path).toAbsolutePath(), NATIVE_PATH));
        if (nativePath().isPresent() || System.getProperty(KEPT_COPY_LOADED) != null) {
            return () -> { };
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), KEPT_ROOT);
        Optional<Path> folder = OrtNativeCache.folder(OrtEnvironment.class, root);
        if (folder.isEmpty()) {
            return () -> { };
        }
        keptCopy = folder.get();
        System.setProperty(NATIVE_PATH, folder.get().toString());
        return () -> {
            System.clearProperty(NATIVE_PATH);
            System.setProperty(KEPT_COPY_LOADED, folder.get().toString());
        };
    }

    /** Undoes {@link #useKeptCopy()} once ONNX Runtime has loaded. */
    @FunctionalInterface
    public interface KeptCopy extends AutoCloseable {
        @Override
        void close();
    }

    /** The folder given as {@code -Donnxruntime.native.path}, if any. */
    public static Optional<String> nativePath() {
        return Optional.ofNullable(System.getProperty(NATIVE_PATH)).filter(path -> !path.isBlank());
    }

    /**
     * How the libraries were found, in words anyone may read: the kept copy under {@code ${java.io.tmpdir}}, the
     * folder given as {@code -Donnxruntime.native.path} (named as {@link ShownPaths} does), or "not set" with what
     * that means.
     */
    public static String nativePathDescription() {
        return describe(keptCopy, nativePath());
    }

    /** The words of {@link #nativePathDescription()} for a kept copy (or null) and the folder given, if any. */
    static String describe(Path kept, Optional<String> given) {
        if (kept != null) {
            return "${java.io.tmpdir}/" + KEPT_ROOT + "/" + kept.getFileName()
                    + " (the onnxruntime jar's libraries, copied there once and kept)";
        }
        return given.map(path -> ShownPaths.shown(Path.of(path)) + " (the start-up log has the whole path)")
                .orElse("not set: libraries extracted from the onnxruntime jar to a temporary folder");
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
