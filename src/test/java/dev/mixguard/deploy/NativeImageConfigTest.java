package dev.mixguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native-image configuration under META-INF/native-image carries what ONNX Runtime needs in a Mandrel
 * build: run-time initialisation, JNI and reflection registration of its callback classes, and its native
 * libraries as resources. No native-image builder runs on the development machines, so this is the check.
 */
class NativeImageConfigTest {

    private static final Path CONFIG = Path.of("src/main/resources/META-INF/native-image/dev.mixguard/mixguard");
    private static final String RUN_TIME = "--initialize-at-run-time=";

    /** The classes ORT 1.29's JNI library creates or throws (platform-notes.md, and javap of the jar). */
    static final List<String> JNI_CALLBACK_CLASSES = names("MapInfo", "NodeInfo", "OnnxMap", "OnnxModelMetadata",
            "OnnxSequence", "OnnxSparseTensor", "OnnxTensor", "OnnxValue", "OrtException", "SequenceInfo", "TensorInfo");

    /** The classes platform-notes.md names for run-time initialisation. */
    static final List<String> RUN_TIME_INIT_CLASSES = names("OrtEnvironment", "OnnxRuntime", "OnnxTensorLike",
            "OrtAllocator", "OrtSession", "OrtSession$SessionOptions");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OrtJar ort;

    @BeforeAll
    static void openOrtJar() throws Exception {
        ort = OrtJar.onClassPath();
    }

    @AfterAll
    static void closeOrtJar() throws IOException {
        ort.close();
    }

    @Test
    void everyJniCallbackClassIsRegisteredForJniAndReflectionWithItsMembers() throws IOException {
        for (String file : List.of("jni-config.json", "reflect-config.json")) {
            JsonNode entries = JSON.readTree(CONFIG.resolve(file).toFile());
            for (String name : JNI_CALLBACK_CLASSES) {
                JsonNode entry = StreamSupport.stream(entries.spliterator(), false)
                        .filter(e -> e.path("name").asText().equals(name)).findFirst().orElse(null);
                assertTrue(entry != null, file + ": expected an entry for " + name + ", found none");
                for (String members : List.of("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")) {
                    assertTrue(entry.path(members).asBoolean(), file + ": expected " + members + " for " + name);
                }
            }
        }
    }

    @Test
    void everyClassTheJniLibrariesNameIsRegisteredForJni() throws IOException {
        Set<String> registered = registered("jni-config.json");
        for (String library : List.of("linux-x64", "linux-aarch64")) {
            Set<String> named = ort.classesNamedBy(OrtJar.NATIVE_PREFIX + library + "/libonnxruntime4j_jni.so");
            assertTrue(named.containsAll(List.of("ai.onnxruntime.OnnxTensor", "ai.onnxruntime.OrtException")),
                    library + ": expected the JNI library to name ORT classes, found " + named);
            Set<String> missing = new TreeSet<>(named);
            missing.removeAll(registered);
            assertEquals(Set.of(), missing, library + ": classes its JNI library names but jni-config.json lacks");
        }
    }

    @Test
    void onnxRuntimeClassesThatLoadTheNativeLibraryAreInitialisedAtRunTime() throws IOException {
        Set<String> listed = runTimeInitialised();
        assertTrue(listed.containsAll(RUN_TIME_INIT_CLASSES), "expected " + RUN_TIME_INIT_CLASSES + ", found " + listed);
        Set<String> missing = new TreeSet<>(ort.classesLoadingTheNativeLibraryWhenInitialised());
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, "classes whose initialisation loads the ORT library but are not run-time");
    }

    @Test
    void everyNamedClassExistsInTheOnnxRuntimeJar() throws IOException {
        Set<String> named = new TreeSet<>(runTimeInitialised());
        named.addAll(registered("jni-config.json"));
        named.addAll(registered("reflect-config.json"));
        List<String> absent = new ArrayList<>();
        for (String name : named) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                absent.add(name);
            }
        }
        assertEquals(List.of(), absent, "named in the native-image configuration but not in the ORT jar");
    }

    @Test
    void onnxRuntimeNativeLibrariesAreIncludedAsResources() throws IOException {
        JsonNode config = JSON.readTree(CONFIG.resolve("resource-config.json").toFile());
        List<String> globs = StreamSupport.stream(config.path("globs").spliterator(), false)
                .map(g -> g.path("glob").asText()).toList();
        assertTrue(globs.contains("ai/onnxruntime/native/**"), "expected the glob ai/onnxruntime/native/**, found " + globs);
        List<Pattern> patterns = StreamSupport.stream(config.path("resources").path("includes").spliterator(), false)
                .map(p -> Pattern.compile(p.path("pattern").asText())).toList();
        List<String> libraries = ort.files(OrtJar.NATIVE_PREFIX);
        assertTrue(libraries.contains(OrtJar.NATIVE_PREFIX + "linux-x64/libonnxruntime.so"), libraries::toString);
        List<String> uncovered = libraries.stream()
                .filter(lib -> patterns.stream().noneMatch(p -> p.matcher(lib).matches())).toList();
        assertEquals(List.of(), uncovered, "native resources no regex of resource-config.json includes "
                + "(older builders read only those)");
    }

    private static Set<String> runTimeInitialised() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(CONFIG.resolve("native-image.properties"))) {
            properties.load(in);
        }
        Set<String> names = new TreeSet<>();
        for (String arg : properties.getProperty("Args", "").trim().split("\\s+")) {
            if (arg.startsWith(RUN_TIME)) {
                names.addAll(Arrays.asList(arg.substring(RUN_TIME.length()).split(",")));
            }
        }
        return names;
    }

    private static Set<String> registered(String file) throws IOException {
        Set<String> names = new TreeSet<>();
        JSON.readTree(CONFIG.resolve(file).toFile()).forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    private static List<String> names(String... simpleNames) {
        return Arrays.stream(simpleNames).map(n -> "ai.onnxruntime." + n).toList();
    }
}
