package dev.mixguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a Dockerfile (built from the repository root) against the service and the checkout: the port it
 * exposes, the files it copies (from one build output, with the ONNX Runtime jar that build writes), the model
 * files it names, its allow-list {@code <name>.dockerignore}, and how its final stage runs (see {@link ImageRules}).
 */
final class DockerfileChecks {

    private static final Pattern MODEL_PATH = Pattern.compile("(?:^|[\\s/])(models/[\\w.-]+/[\\w./-]*)");

    private final ServiceFacts facts;
    private final Path root;
    /** ONNX Runtime jar by build output folder ({@code target}, {@code target-gpu}), from pom.xml. */
    private final Map<String, String> ortJars;

    DockerfileChecks(ServiceFacts facts, Path root) throws IOException {
        this.facts = facts;
        this.root = root;
        this.ortJars = PomFacts.ortJarByOutput(root.resolve("pom.xml"));
    }

    /** Problems of the Dockerfile {@code name} with this text and these .dockerignore lines. */
    List<String> check(String name, String text, List<String> dockerignore) {
        List<String> problems = new ArrayList<>();
        List<String> allowed = dockerignore.stream().map(String::trim).filter(l -> l.startsWith("!"))
                .map(l -> strip(l.substring(1))).toList();
        List<String> exposed = new ArrayList<>();
        Set<String> outputs = new TreeSet<>();
        List<String> instructions = instructions(text);
        for (String line : instructions) {
            String[] words = line.trim().split("\\s+");
            switch (words[0].toUpperCase()) {
                case "EXPOSE" -> exposed.addAll(Arrays.asList(words).subList(1, words.length));
                case "COPY", "ADD" -> copy(name, words, allowed, outputs, problems);
                default -> { }
            }
            modelPaths(name, line, problems);
        }
        if (outputs.size() > 1) {
            problems.add(name + ": expected the files of one build output, found " + outputs);
        }
        problems.addAll(ImageRules.finalStage(name, instructions));
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

    private void copy(String name, String[] words, List<String> allowed, Set<String> outputs, List<String> problems) {
        List<String> args = Arrays.stream(words).skip(1).toList();
        if (args.stream().anyMatch(a -> a.startsWith("--from="))) {
            return;
        }
        List<String> paths = args.stream().filter(a -> !a.startsWith("--")).toList();
        for (String source : paths.subList(0, paths.size() - 1)) {
            String path = strip(source);
            String output = buildOutput(path);
            if (output != null) {
                outputs.add(output + "/");
                ortJar(name, path, output, problems);
            } else if (!exists(path)) {
                problems.add(name + ": COPY " + source + " expected a file or folder in the repository, found none");
            }
            if (allowed.stream().noneMatch(a -> path.equals(a) || path.startsWith(a + "/"))) {
                problems.add(name + ": COPY " + source + " expected in the allow-list of " + name
                        + ".dockerignore, found " + allowed);
            }
        }
    }

    /** The build output folder that {@code path} lies in ({@code target/quarkus-app/...}), or null. */
    private String buildOutput(String path) {
        return ortJars.keySet().stream().filter(dir -> path.startsWith(dir + "/quarkus-app/")).findFirst().orElse(null);
    }

    /** A copied ONNX Runtime jar must be the one that build writes: the gpu build writes onnxruntime_gpu. */
    private void ortJar(String name, String path, String output, List<String> problems) {
        Path file = Path.of(path).getFileName();
        if (!path.startsWith(output + "/quarkus-app/lib/main/") || !file.toString().contains("onnxruntime")) {
            return;
        }
        String jar = ortJars.get(output);
        if (!root.getFileSystem().getPathMatcher("glob:" + file).matches(Path.of(jar))) {
            problems.add(name + ": COPY " + path + " expected to match " + jar + ", the ONNX Runtime jar that the"
                    + " build into " + output + "/ writes, found no match");
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
