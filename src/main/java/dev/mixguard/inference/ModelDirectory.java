package dev.mixguard.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model folders under {@code mixguard.models.dir}: every subfolder holding a {@code model.onnx}, sorted, or
 * the problem with the folder as a whole.
 *
 * @param problem what is wrong with the folder itself (missing, unreadable, no model), if anything
 */
record ModelDirectory(List<Path> folders, Optional<String> problem) {

    ModelDirectory {
        folders = List.copyOf(folders);
    }

    /** Lists {@code dir}. */
    static ModelDirectory scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            return failed("mixguard.models.dir: expected a folder at " + dir.toAbsolutePath() + ", found none");
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> folders = children.filter(Files::isDirectory)
                    .filter(folder -> Files.exists(folder.resolve(ModelLoader.MODEL_FILE))).sorted().toList();
            if (folders.isEmpty()) {
                return failed("mixguard.models.dir: expected subfolders holding " + ModelLoader.MODEL_FILE + " in "
                        + dir.toAbsolutePath() + ", found none");
            }
            return new ModelDirectory(folders, Optional.empty());
        } catch (IOException e) {
            return failed("mixguard.models.dir: expected a readable folder at " + dir.toAbsolutePath()
                    + ", found: " + e);
        }
    }

    /** The name a folder's model is served under. */
    static String name(Path folder) {
        return folder.getFileName().toString();
    }

    private static ModelDirectory failed(String problem) {
        return new ModelDirectory(List.of(), Optional.of(problem));
    }
}
