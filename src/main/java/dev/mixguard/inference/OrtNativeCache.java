package dev.mixguard.inference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Keeps one extracted copy of the native libraries inside an onnxruntime jar, in a folder named after that jar
 * (name with its version, and size; not its time, which every packaging renews) and the platform, so that starts after the first load them from there instead of ONNX
 * Runtime copying them out of the jar into a new temporary folder every time. A copy becomes visible only once
 * complete (written beside it, then moved into place), so concurrent starts never load a half-written library.
 */
final class OrtNativeCache {

    private static final Logger LOG = Logger.getLogger(OrtNativeCache.class);
    /** The libraries an onnxruntime jar may hold, as ONNX Runtime names them; the first two are required. */
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni",
            "onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_tensorrt",
            "onnxruntime_providers_rocm", "onnxruntime_providers_dnnl", "onnxruntime_providers_openvino",
            "onnxruntime_providers_qnn");
    private static final String COMPLETE = ".complete";

    private OrtNativeCache() {
    }

    /**
     * The folder under {@code root} holding the libraries of the jar {@code anchor} comes from, extracted first
     * when no complete copy is there; empty (ONNX Runtime then extracts them itself) when that jar, its libraries
     * for this platform or a writable folder cannot be found.
     */
    static Optional<Path> folder(Class<?> anchor, Path root) {
        Optional<String> platform = platform();
        Optional<Path> jar = jar(anchor);
        if (platform.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        try {
            String name = jar.get().getFileName().toString().replaceFirst("\\.jar$", "") + "-"
                    + Files.size(jar.get()) + "-" + platform.get();
            Path folder = root.resolve(name);
            if (!Files.exists(folder.resolve(COMPLETE))) {
                extract(anchor.getClassLoader(), "ai/onnxruntime/native/" + platform.get() + "/", root, folder);
            }
            return Optional.of(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("ONNX Runtime's libraries: expected to keep a copy under %s, found %s; ONNX Runtime extracts "
                    + "them itself", root, e.toString());
            return Optional.empty();
        }
    }

    private static void extract(ClassLoader loader, String prefix, Path root, Path folder) throws IOException {
        Files.createDirectories(root);
        Path part = Files.createTempDirectory(root, folder.getFileName() + ".part");
        try {
            for (String library : LIBRARIES) {
                String file = System.mapLibraryName(library);
                try (InputStream in = loader.getResourceAsStream(prefix + file)) {
                    if (in == null && LIBRARIES.indexOf(library) < 2) {
                        throw new IOException("no " + prefix + file + " in the onnxruntime jar");
                    }
                    if (in != null) {
                        Files.copy(in, part.resolve(file));
                    }
                }
            }
            Files.createFile(part.resolve(COMPLETE));
            Files.move(part, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            LOG.debugf("another process kept %s first", folder);
        } catch (IOException e) {
            if (!Files.exists(folder.resolve(COMPLETE))) {
                throw e;
            }
        } finally {
            delete(part);
        }
    }

    /** ONNX Runtime's name for this platform's folder in its jar, e.g. linux-x64. */
    static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : null;
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return osName == null || archName == null ? Optional.empty() : Optional.of(osName + "-" + archName);
    }

    private static Optional<Path> jar(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        try {
            Path path = source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
            return path != null && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
