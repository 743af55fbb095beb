package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixguard.support.Leaks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is wrong with a models folder, as readiness shows it to anyone: the folder named as configured when that is
 * relative and by its own name when absolute, never by its absolute path.
 */
class ModelDirectoryTest {

    @Test
    void aMissingFolderIsNamedAsConfiguredWhenRelative() {
        Path dir = Path.of("target", "no-models-here");
        assertEquals(Optional.of("mixguard.models.dir: expected a folder at \"target/no-models-here\", found none"),
                problem(dir));
    }

    @Test
    void anAbsoluteFolderIsNamedByItsOwnName(@TempDir Path tmp) throws IOException {
        assertEquals(Optional.of("mixguard.models.dir: expected a folder at \"missing\", found none"),
                problem(tmp.resolve("missing")));
        Path file = Files.writeString(tmp.resolve("models.txt"), "not a folder");
        assertEquals(Optional.of("mixguard.models.dir: expected a folder at \"models.txt\", found a file"),
                problem(file));
        Path empty = Files.createDirectories(tmp.resolve("models"));
        Files.createDirectories(empty.resolve("no-model-in-here"));
        assertEquals(Optional.of("mixguard.models.dir: expected subfolders holding model.onnx in the folder at "
                + "\"models\", found none"), problem(empty));
    }

    @Test
    void aFolderWithModelsListsThemSorted(@TempDir Path tmp) throws IOException {
        for (String name : List.of("b", "a")) {
            Files.createDirectories(tmp.resolve(name));
            Files.writeString(tmp.resolve(name).resolve(ModelLoader.MODEL_FILE), "x");
        }
        ModelDirectory directory = ModelDirectory.scan(tmp);
        assertEquals(Optional.empty(), directory.problem());
        assertEquals(List.of(tmp.resolve("a"), tmp.resolve("b")), directory.folders());
    }

    private static Optional<String> problem(Path dir) {
        Optional<String> problem = ModelDirectory.scan(dir).problem();
        problem.ifPresent(text -> Leaks.assertNone("the problem with " + dir, text));
        return problem;
    }
}
