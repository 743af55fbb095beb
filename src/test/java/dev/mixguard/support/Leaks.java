package dev.mixguard.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check that an answer tells nothing of the server's inside: no absolute path of this machine (the working
 * folder, where the test models and uploads lie, or the temporary folder) and no Java type name.
 */
public final class Leaks {

    /** A Java type written out with its package, e.g. java.nio.file.AccessDeniedException, dev.mixguard.api.X. */
    private static final Pattern QUALIFIED_TYPE = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*");
    /** An exception or error type by its simple name, e.g. IOException, OutOfMemoryError. */
    private static final Pattern THROWABLE = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b");
    /** A name as Jackson quotes Java types and settings, e.g. `int` or `StreamReadFeature.INCLUDE_SOURCE`. */
    private static final Pattern QUOTED_NAME = Pattern.compile("`[A-Za-z_$][\\w.$]*`");

    private Leaks() {
    }

    /** Absolute folders of this machine that no answer may name. */
    public static List<String> absoluteRoots() {
        return List.of(Path.of("").toAbsolutePath().toString(),
                Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize().toString());
    }

    /** Asserts {@code text} (an answer to {@code what}) names no absolute path of this machine and no Java type. */
    public static void assertNone(String what, String text) {
        for (String root : absoluteRoots()) {
            assertFalse(text.contains(root), what + " names the absolute path " + root + ": " + text);
        }
        for (Pattern type : List.of(QUALIFIED_TYPE, THROWABLE, QUOTED_NAME)) {
            Matcher found = type.matcher(text);
            assertFalse(found.find(), () -> what + " names the Java type " + found.group() + ": " + text);
        }
    }
}
