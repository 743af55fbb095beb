package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.Leaks;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where ONNX Runtime's libraries came from, as readiness tells anyone: never the folder's absolute path. */
class OrtLibrariesTest {

    @Test
    void theKeptCopyIsNamedUnderTheTemporaryFolderNotByItsAbsolutePath() {
        Path kept = Path.of(System.getProperty("java.io.tmpdir"), "mixguard-onnxruntime",
                "onnxruntime-1.29.0-54000000-linux-x64").toAbsolutePath();
        assertEquals("${java.io.tmpdir}/mixguard-onnxruntime/onnxruntime-1.29.0-54000000-linux-x64 (the onnxruntime "
                + "jar's libraries, copied there once and kept)", described(kept, Optional.empty()));
    }

    @Test
    void aGivenFolderIsNamedAsGivenWhenRelativeAndByItsNameWhenAbsolute() {
        String absolute = Path.of("target", "onnxruntime", "lib").toAbsolutePath().toString();
        assertEquals("\"lib\" (the start-up log has the whole path)", described(null, Optional.of(absolute)));
        assertEquals("\"native/lib\" (the start-up log has the whole path)",
                described(null, Optional.of("native/lib")));
        assertEquals("not set: libraries extracted from the onnxruntime jar to a temporary folder",
                described(null, Optional.empty()));
    }

    private static String described(Path kept, Optional<String> given) {
        String words = OrtLibraries.describe(kept, given);
        Leaks.assertNone("the libraries' description", words);
        return words;
    }
}
