package dev.mixguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes, KServe and Docker files under deploy/ point at health routes, ports, config keys and files
 * that the service and the repository really have. Nothing here can run them (no Docker engine or cluster on
 * the development machines), so these checks are what keeps them right.
 */
class ManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final List<String> DOCKERFILES = List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.jetson");

    private static ServiceFacts facts;
    private static List<Manifest> manifests;

    @BeforeAll
    static void readServiceAndManifests() throws Exception {
        facts = ServiceFacts.load(ROOT);
        manifests = Manifest.readAll(DEPLOY);
    }

    @Test
    void everyManifestPointsAtRealRoutesPortsKeysAndObjects() {
        assertEquals(List.of(), new ManifestChecks(facts, manifests).problems());
    }

    @Test
    void deployHoldsTheObjectsOfAKubernetesAndAKServeInstall() {
        Set<String> kinds = new TreeSet<>(manifests.stream().map(Manifest::kind).toList());
        assertTrue(kinds.containsAll(List.of("Deployment", "Service", "HorizontalPodAutoscaler",
                "PersistentVolumeClaim", "ClusterServingRuntime", "InferenceService")), "found " + kinds);
    }

    @Test
    void everyDockerfileExposesTheServicePortAndCopiesFilesThatExist() throws IOException {
        DockerfileChecks checks = new DockerfileChecks(facts, ROOT);
        List<String> problems = new ArrayList<>();
        for (String name : DOCKERFILES) {
            Path ignore = DEPLOY.resolve(name + ".dockerignore");
            List<String> allowList = Files.exists(ignore) ? Files.readAllLines(ignore) : List.of();
            problems.addAll(checks.check(name, Files.readString(DEPLOY.resolve(name)), allowList));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyHealthRouteNamedUnderDeployIsOneTheServiceServes() throws IOException {
        Pattern mention = Pattern.compile(Pattern.quote(facts.healthRoot()) + "(/[\\w-]+)?");
        Set<String> real = new TreeSet<>(facts.healthRoutes().values());
        real.add(facts.healthRoot());
        List<String> wrong = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Matcher m = mention.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            while (m.find()) {
                if (!real.contains(m.group())) {
                    wrong.add(ROOT.relativize(file) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), wrong, "expected only " + real);
    }

    @Test
    void everyProbedHealthKindHasACheckInTheService() throws IOException {
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.list(ROOT.resolve("src/main/java/dev/mixguard/health"))) {
            for (Path file : files.toList()) {
                sources.append(Files.readString(file));
            }
        }
        for (String annotation : List.of("@Liveness", "@Readiness", "@Startup")) {
            assertTrue(sources.toString().contains(annotation), "expected a health check annotated " + annotation);
        }
    }

    @Test
    void aProbeOnAWrongPathIsReported() {
        List<String> problems = problemsWithDeploymentChanged(container ->
                ((ObjectNode) container.path("readinessProbe").path("httpGet")).put("path", "/q/health/readyz"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("readinessProbe expected httpGet path")), problems::toString);
    }

    @Test
    void aProbeOnAnotherPortIsReported() {
        List<String> problems = problemsWithDeploymentChanged(container ->
                ((ObjectNode) container.path("livenessProbe").path("httpGet")).put("port", 9000));
        assertTrue(problems.stream().anyMatch(p -> p.contains("livenessProbe expected port")), problems::toString);
    }

    @Test
    void aContainerWithoutLimitsIsReported() {
        List<String> problems = problemsWithDeploymentChanged(container ->
                ((ObjectNode) container.path("resources")).remove("limits"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("expected resources.limits.memory")), problems::toString);
    }

    @Test
    void anEnvironmentVariableNamingNoConfigKeyIsReported() {
        List<String> problems = problemsWithDeploymentChanged(container -> ((ObjectNode) container.path("env").path(1))
                .put("name", "MIXGUARD_MODEL_DIR"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("MIXGUARD_MODEL_DIR expected to map")), problems::toString);
    }

    @Test
    void anInferenceServiceOnAnUnknownRuntimeIsReported() {
        List<Manifest> changed = manifests.stream().map(m -> m.kind().equals("InferenceService")
                ? changed(m, doc -> ((ObjectNode) doc.at("/spec/predictor/model")).put("runtime", "kserve-tritonserver"))
                : m).toList();
        List<String> problems = new ManifestChecks(facts, changed).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("runtime expected a ClusterServingRuntime")), problems::toString);
    }

    @Test
    void aDockerfileCopyingAMissingFolderOrExposingAnotherPortIsReported() {
        String dockerfile = "FROM scratch\nCOPY models/no-such-model/ /m/\nEXPOSE 9090\n";
        List<String> problems = new DockerfileChecks(facts, ROOT).check("Dockerfile.test", dockerfile,
                List.of("*", "!models/no-such-model/"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("expected a file or folder in the repository")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("expected EXPOSE")), problems::toString);
    }

    @Test
    void configKeysAreReadFromTheServicesConfigMappings() {
        assertTrue(facts.isConfigKey("mixguard.models.dir"), facts.configKeys()::toString);
        assertTrue(facts.isConfigKey("mixguard.knobs.model.fashion-mnist.alpha-low"), facts.configKeys()::toString);
        assertTrue(facts.isConfigEnv("MIXGUARD_INFERENCE_TENSORRT_ENGINE_CACHE_DIR"), facts.configKeys()::toString);
        assertFalse(facts.isConfigKey("mixguard.models.directory"), facts.configKeys()::toString);
    }

    private static List<String> problemsWithDeploymentChanged(Consumer<JsonNode> change) {
        List<Manifest> changed = manifests.stream().map(m -> m.kind().equals("Deployment")
                ? changed(m, doc -> change.accept(doc.at("/spec/template/spec/containers/0")))
                : m).toList();
        return new ManifestChecks(facts, changed).problems();
    }

    private static Manifest changed(Manifest m, Consumer<JsonNode> change) {
        JsonNode copy = m.doc().deepCopy();
        change.accept(copy);
        return new Manifest(m.file(), copy);
    }
}
