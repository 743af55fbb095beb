package dev.mixguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kustomize itself renders every install under deploy/ to the same objects as {@link Kustomize}, on which the
 * other deploy/ tests run. Needs kubectl (with its built-in kustomize) on the PATH, as machines of this project's
 * kind have; skipped, visibly, where it is missing.
 */
class KustomizeParityTest {

    static Stream<String> installs() {
        return Deploy.INSTALLS.stream();
    }

    @ParameterizedTest
    @MethodSource("installs")
    void kubectlKustomizeRendersTheSameObjects(String install) throws IOException, InterruptedException {
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "expected kubectl on the PATH, found none");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", Deploy.DEPLOY.resolve(install).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), "expected kubectl kustomize to succeed, found " + output);
        Map<String, JsonNode> ours = new TreeMap<>();
        Deploy.installs().get(install).objects().forEach(m -> ours.put(m.kind() + "/" + m.name(), m.doc()));
        assertEquals(ours, byKindAndName(output));
    }

    private static Map<String, JsonNode> byKindAndName(String yaml) throws IOException {
        Map<String, JsonNode> objects = new TreeMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                objects.put(doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
            }
        }
        return objects;
    }

    private static Path onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst().orElse(null);
    }
}
