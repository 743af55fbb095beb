package dev.mixguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/design.md, read from the sources: each package imports only the packages below it, a
 * feature package under {@code api} only its ancestors (the shared plumbing), and no two packages import each
 * other, directly or around a circle.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package (dev\\.mixguard[\\w.]*);");
    /** A reference to one of our types, in an import or written out in the code. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.mixguard(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    /** Block and line comments, where names of our types are only words. */
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|(?m)//[^\\n]*$");
    /** What each package outside {@code api} may import. */
    private static final Map<String, Set<String>> BELOW = Map.of(
            "model", Set.of(),
            "config", Set.of(),
            "image", Set.of("model"),
            "probe", Set.of("model"),
            "inference", Set.of("model", "config"),
            "metrics", Set.of("inference", "model"),
            "health", Set.of("inference"));

    @Test
    void everyPackageImportsOnlyWhatItMay() throws IOException {
        List<String> violations = new ArrayList<>();
        dependencies().forEach((from, targets) -> targets.forEach(to -> {
            if (!allowed(from, to)) {
                violations.add(from + " -> " + to);
            }
        }));
        assertEquals(List.of(), violations, "imports against the package rules");
    }

    @Test
    void noPackagesDependOnEachOtherInACircle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        for (String start : graph.keySet()) {
            assertTrue(!reaches(graph, start, start, new TreeSet<>()), start + " depends on itself through others");
        }
    }

    private static boolean allowed(String from, String to) {
        String source = relative(from);
        String target = relative(to);
        if (source.equals("api") || source.startsWith("api.")) {
            return !target.startsWith("api") || source.equals(target) || source.startsWith(target + ".");
        }
        Set<String> below = BELOW.get(source);
        return below != null && (below.contains(target) || source.equals(target));
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target) || seen.add(next) && reaches(graph, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static String relative(String pkg) {
        return pkg.equals("dev.mixguard") ? "" : pkg.substring("dev.mixguard.".length());
    }

    /** Package to the other packages of ours its sources refer to. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = COMMENT.matcher(Files.readString(file)).replaceAll("");
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> targets = graph.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(text.substring(pkg.end()));
                while (ref.find()) {
                    if (!ref.group(1).equals(pkg.group(1))) {
                        targets.add(ref.group(1));
                    }
                }
            }
        }
        return graph;
    }
}
