package dev.mixguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes and KServe installs under deploy/ (each kustomization, rendered as kubectl kustomize does) point
 * at health routes, ports, config keys and objects that the service and the install really have, match the
 * Kubernetes schema, pass Pod Security "restricted", and scale and stop as the service needs. No cluster runs on
 * the development machines, so these checks are what keeps them right; CI also renders them with kubectl.
 */
class ManifestsTest {

    private static final Path ROOT = Deploy.ROOT;
    private static final Path DEPLOY = Deploy.DEPLOY;

    private static ServiceFacts facts;
    private static Map<String, Kustomize.Install> installs;

    @BeforeAll
    static void readServiceAndInstalls() {
        facts = Deploy.facts();
        installs = Deploy.installs();
    }

    @Test
    void everyInstallPointsAtRealRoutesPortsKeysAndObjects() {
        List<String> problems = new ArrayList<>();
        installs.forEach((name, install) -> new ManifestChecks(facts, install.objects()).problems()
                .forEach(p -> problems.add(name + ": " + p)));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyObjectMatchesTheKubernetesSchema() {
        List<String> problems = new ArrayList<>();
        installs.forEach((name, install) -> problems.addAll(new SchemaChecks().problems(install.objects())));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyYamlFileUnderDeployBelongsToAnInstall() throws IOException {
        Set<Path> read = new TreeSet<>();
        installs.values().forEach(i -> read.addAll(i.files()));
        List<Path> yaml;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            yaml = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertEquals(List.of(), yaml.stream().filter(p -> !read.contains(p)).toList(), "expected in one of " + Deploy.INSTALLS);
    }

    @Test
    void theInstallsHoldAKubernetesAndAKServeDeployment() {
        assertEquals(Set.of("Deployment", "Service", "HorizontalPodAutoscaler"), kinds("k8s/base"));
        assertEquals(Set.of("Deployment", "Service", "HorizontalPodAutoscaler", "PersistentVolumeClaim"),
                kinds("k8s/overlays/gpu"));
        assertEquals(Set.of("ClusterServingRuntime", "PersistentVolumeClaim", "InferenceService"), kinds("kserve"));
    }

    @Test
    void theCpuDeploymentMountsNoClaimAndAsksForNoGpu() {
        JsonNode pod = deployment("k8s/base").at("/spec/template/spec");
        pod.path("volumes").forEach(v -> assertFalse(v.has("persistentVolumeClaim"), "found " + v));
        String text = pod.toString();
        assertFalse(text.contains("nvidia.com/gpu") || text.contains("TENSORRT"), "found " + text);
        assertFalse(pod.has("runtimeClassName"), "found " + pod.path("runtimeClassName"));
    }

    @Test
    void theGpuDeploymentRunsTheGpuImageOnOneNvidiaGpuWithItsEngineCache() {
        JsonNode pod = deployment("k8s/overlays/gpu").at("/spec/template/spec");
        JsonNode container = pod.path("containers").path(0);
        assertTrue(container.path("image").asText().contains("mixguard-gpu"), "found " + container.path("image"));
        assertEquals("1", container.at("/resources/limits/nvidia.com~1gpu").asText(), "found " + container.path("resources"));
        assertEquals("nvidia", pod.path("runtimeClassName").asText());
        assertTrue(pod.path("tolerations").toString().contains("\"key\":\"nvidia.com/gpu\""), "found " + pod.path("tolerations"));
        assertTrue(pod.path("volumes").toString().contains("mixguard-trt-cache"), "found " + pod.path("volumes"));
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
    void configKeysAreReadFromTheServicesConfigMappings() {
        assertTrue(facts.isConfigKey("mixguard.models.dir"), facts.configKeys()::toString);
        assertTrue(facts.isConfigKey("mixguard.knobs.model.fashion-mnist.alpha-low"), facts.configKeys()::toString);
        assertTrue(facts.isConfigEnv("MIXGUARD_INFERENCE_TENSORRT_ENGINE_CACHE_DIR"), facts.configKeys()::toString);
        assertFalse(facts.isConfigKey("mixguard.models.directory"), facts.configKeys()::toString);
    }

    private static Set<String> kinds(String install) {
        return new TreeSet<>(installs.get(install).objects().stream().map(Manifest::kind).toList());
    }

    private static JsonNode deployment(String install) {
        return Deploy.object(install, "Deployment");
    }
}
