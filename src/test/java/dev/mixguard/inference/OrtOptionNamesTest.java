package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixguard.config.InferenceConfig;
import dev.mixguard.model.Colour;
import dev.mixguard.model.InputSpec;
import dev.mixguard.support.Mappings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every option name the service sets is one that ONNX Runtime's native libraries know: the ep.context_* session
 * entries in the core library (every ORT jar), the trt_* options in the TensorRT provider library of the
 * onnxruntime_gpu jar (there only once it is in the local Maven repository, which .ci/run's GPU step ensures).
 * The CUDA options are not scanned: their library is 583 MB.
 */
class OrtOptionNamesTest {

    private static final String NATIVE = "ai/onnxruntime/native/linux-x64/";

    @Test
    void epContextSessionEntriesAreKnownToTheCoreLibrary() throws Exception {
        Set<String> keys = Set.of(EpContextPlan.ENABLE, EpContextPlan.FILE_PATH, EpContextPlan.EMBED_MODE);
        try (JarFile jar = new JarFile(classPathJar().toFile())) {
            assertEquals(new TreeSet<>(keys), found(jar, "libonnxruntime.so", keys));
        }
    }

    @Test
    void tensorRtOptionsAreKnownToTheTensorRtProviderLibrary() throws Exception {
        Path gpuJar = gpuJar();
        assumeTrue(Files.isRegularFile(gpuJar), "expected the onnxruntime_gpu jar at " + gpuJar + ", found none");
        InferenceConfig config = Mappings.of(InferenceConfig.class, Map.of(
                "mixguard.inference.tensorrt.fp16", "true",
                "mixguard.inference.tensorrt.engine-cache-dir", "/cache",
                "mixguard.inference.tensorrt.timing-cache-dir", "/cache",
                "mixguard.inference.tensorrt.ep-context.enabled", "true"));
        EpContextPlan plan = EpContextPlan.of(config.tensorrt().epContext(), Path.of("absent/model.onnx"), "m");
        Set<String> trt = TensorRtOptions.of(config, new InputSpec("image", 1, 28, 28, Colour.GREY), 64, plan)
                .keySet();
        try (JarFile jar = new JarFile(gpuJar.toFile())) {
            assertEquals(new TreeSet<>(trt), found(jar, "libonnxruntime_providers_tensorrt.so", trt));
        }
    }

    /** Which of {@code wanted} occur as whole NUL-terminated strings in the library, streamed (it may be 583 MB). */
    private static Set<String> found(JarFile jar, String library, Set<String> wanted) throws IOException {
        Set<String> found = new TreeSet<>();
        try (InputStream in = jar.getInputStream(jar.getEntry(NATIVE + library))) {
            StringBuilder run = new StringBuilder();
            byte[] chunk = new byte[1 << 20];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b >= 0x20 && b < 0x7f && run.length() < 64) {
                        run.append((char) b);
                        continue;
                    }
                    if (b == 0 && run.length() > 0 && wanted.contains(run.toString())) {
                        found.add(run.toString());
                    }
                    run.setLength(0);
                }
            }
        }
        return found;
    }

    private static Path classPathJar() throws ClassNotFoundException, URISyntaxException {
        Class<?> anchor = Class.forName("ai.onnxruntime.OrtEnvironment", false,
                OrtOptionNamesTest.class.getClassLoader());
        return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The onnxruntime_gpu jar of the version on the class path: that jar itself with -Pgpu, else in ~/.m2. */
    private static Path gpuJar() throws Exception {
        Path onClassPath = classPathJar();
        Matcher name = Pattern.compile("onnxruntime(_gpu)?-(.+)\\.jar").matcher(onClassPath.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalStateException("expected an onnxruntime-VERSION.jar on the class path, found "
                    + onClassPath);
        }
        if (name.group(1) != null) {
            return onClassPath;
        }
        String version = name.group(2);
        Path repository = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        return repository.resolve("com/microsoft/onnxruntime/onnxruntime_gpu/" + version + "/onnxruntime_gpu-"
                + version + ".jar");
    }
}
