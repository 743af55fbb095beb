package dev.mixguard.inference;

import dev.mixguard.model.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The model folders under {@code mixguard.models.dir}: every subfolder holding a {@code model.onnx}, sorted, or
 * the problem with the folder as a whole.
 *
 * @param problem what is wrong with the folder itself (missing, unreadable, no model), if anything; it names the
 *     folder as {@link ShownPaths} does, since readiness shows it to anyone
 */
record ModelDirectory(List<Path> folders, Optional<String> problem) {

    private static final Logger LOG = Logger.getLogger(ModelDirectory.class);
    private static final String KEY = "mixguard.models.dir";

    ModelDirectory {
        folders = List.copyOf(folders);
    }

    /** Lists {@code dir}; a problem is logged with the folder's absolute path. */
    static ModelDirectory scan(Path dir) {
        String at = " at " + ShownPaths.shown(dir);
        if (!Files.isDirectory(dir)) {
            return failed(dir, "expected a folder" + at + ", found " + (Files.exists(dir) ? "a file" : "none"), null);
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> folders = children.filter(Files::isDirectory)
                    .filter(folder -> Files.exists(folder.resolve(ModelLoader.MODEL_FILE))).sorted().toList();
            if (folders.isEmpty()) {
                return failed(dir, "expected subfolders holding " + ModelLoader.MODEL_FILE + " in the folder" + at
                        + ", found none", null);
            }
            return new ModelDirectory(folders, Optional.empty());
        } catch (IOException e) {
            return failed(dir, "expected a readable folder" + at + ", found it unreadable: " + FileErrors.describe(e),
                    e);
        }
    }

    /** The name a folder's model is served under. */
    static String name(Path folder) {
        return folder.getFileName().toString();
    }

    private static ModelDirectory failed(Path dir, String problem, IOException cause) {
        LOG.errorf(cause, "%s=%s (%s): %s", KEY, dir, dir.toAbsolutePath(), problem);
        return new ModelDirectory(List.of(), Optional.of(KEY + ": " + problem));
    }
}
