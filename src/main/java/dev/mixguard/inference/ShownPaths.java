package dev.mixguard.inference;

import java.nio.file.Path;

/**
 * How a configured file or folder is named in answers anyone may read (readiness, model lists, errors): as
 * configured when that is a relative path, by its own name when it is an absolute one, so an answer never shows
 * where on the server it lies; the server log has the whole path.
 */
final class ShownPaths {

    private ShownPaths() {
    }

    /** {@code path} as an answer may name it, quoted, e.g. {@code "models"} for /srv/mixguard/models. */
    static String shown(Path path) {
        Path name = path.getFileName();
        return "\"" + (path.isAbsolute() && name != null ? name : path) + "\"";
    }
}
