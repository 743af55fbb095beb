package dev.mixguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a Dockerfile (built from the repository root) against the service and the checkout: the port it
 * exposes, the files it copies, the model files it names, and its allow-list {@code <name>.dockerignore}.
 */
final class DockerfileChecks {

    /** What {@code ./mvnw package} writes: a Dockerfile may copy it although a fresh checkout lacks it. */
    static final List<String> BUILD_OUTPUTS = List.of("target/quarkus-app/");

    private static final Pattern MODEL_PATH = Pattern.compile("(?:^|[\\s/])(models/[\\w.-]+/[\\w./-]*)");

    private final ServiceFacts facts;
    private final Path root;

    DockerfileChecks(ServiceFacts facts, Path root) {
        this.facts = facts;
        this.root = root;
    }

    /** Problems of the Dockerfile {@code name} with this text and these .dockerignore lines. */
    List<String> check(String name, String text, List<String> dockerignore) {
        List<String> problems = new ArrayList<>();
        List<String> allowed = dockerignore.stream().map(String::trim).filter(l -> l.startsWith("!"))
                .map(l -> strip(l.substring(1))).toList();
        List<String> exposed = new ArrayList<>();
        for (String line : instructions(text)) {
            String[] words = line.trim().split("\\s+");
            switch (words[0].toUpperCase()) {
                case "EXPOSE" -> exposed.addAll(Arrays.asList(words).subList(1, words.length));
                case "COPY", "ADD" -> copy(name, words, allowed, problems);
                default -> { }
            }
            modelPaths(name, line, problems);
        }
        String port = Integer.toString(facts.httpPort());
        if (exposed.isEmpty() || !exposed.stream().allMatch(p -> p.replace("/tcp", "").equals(port))) {
            problems.add(name + ": expected EXPOSE " + port + " (quarkus.http.port), found " + exposed);
        }
        return problems;
    }

    /** Logical instructions: continuation lines joined, comments and blank lines dropped. */
    static List<String> instructions(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            boolean continued = line.endsWith("\\");
            current.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continued) {
                instructions.add(current.toString().trim());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private void copy(String name, String[] words, List<String> allowed, List<String> problems) {
        List<String> args = Arrays.stream(words).skip(1).toList();
        if (args.stream().anyMatch(a -> a.startsWith("--from="))) {
            return;
        }
        List<String> paths = args.stream().filter(a -> !a.startsWith("--")).toList();
        for (String source : paths.subList(0, paths.size() - 1)) {
            String path = strip(source);
            if (BUILD_OUTPUTS.stream().noneMatch(path::startsWith) && !exists(path)) {
                problems.add(name + ": COPY " + source + " expected a file or folder in the repository, found none");
            }
            if (allowed.stream().noneMatch(a -> path.equals(a) || path.startsWith(a + "/"))) {
                problems.add(name + ": COPY " + source + " expected in the allow-list of " + name
                        + ".dockerignore, found " + allowed);
            }
        }
    }

    private void modelPaths(String name, String line, List<String> problems) {
        Matcher m = MODEL_PATH.matcher(line);
        while (m.find()) {
            if (!exists(strip(m.group(1)))) {
                problems.add(name + ": names " + m.group(1) + ", expected in the repository, found no such file");
            }
        }
    }

    /** Whether the repository holds {@code path}; a {@code *} in its last part matches as a glob. */
    private boolean exists(String path) {
        Path target = root.resolve(path);
        if (!path.contains("*")) {
            return Files.exists(target);
        }
        PathMatcher glob = root.getFileSystem().getPathMatcher("glob:" + target.getFileName());
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            return siblings.anyMatch(p -> glob.matches(p.getFileName()));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
