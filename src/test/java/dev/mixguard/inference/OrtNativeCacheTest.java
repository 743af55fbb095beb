package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept copy of ONNX Runtime's libraries: made once, complete, byte for byte the jar's, then reused. */
class OrtNativeCacheTest {

    @TempDir
    Path root;

    @Test
    void copiesTheJarsLibrariesOnceAndReusesThem() throws IOException {
        Path folder = OrtNativeCache.folder(OrtEnvironment.class, root).orElseThrow();
        String prefix = "ai/onnxruntime/native/" + OrtNativeCache.platform().orElseThrow() + "/";
        for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
            String file = System.mapLibraryName(library);
            try (InputStream in = OrtEnvironment.class.getClassLoader().getResourceAsStream(prefix + file)) {
                assertTrue(Arrays.equals(in.readAllBytes(), Files.readAllBytes(folder.resolve(file))),
                        file + " equals the jar's");
            }
        }
        FileTime written = Files.getLastModifiedTime(folder.resolve(System.mapLibraryName("onnxruntime")));
        assertEquals(Optional.of(folder), OrtNativeCache.folder(OrtEnvironment.class, root));
        assertEquals(written, Files.getLastModifiedTime(folder.resolve(System.mapLibraryName("onnxruntime"))),
                "the second start reuses the copy");
        try (Stream<Path> entries = Files.list(root)) {
            assertEquals(List.of(folder), entries.toList(), "no half-written folder is left behind");
        }
    }

    @Test
    void keepsNoCopyForClassesOutsideAJar() {
        assertEquals(Optional.empty(), OrtNativeCache.folder(OrtNativeCacheTest.class, root));
    }
}
