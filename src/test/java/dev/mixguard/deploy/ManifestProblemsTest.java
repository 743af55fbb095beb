package dev.mixguard.deploy;

import static dev.mixguard.deploy.ProblemAssertions.assertReported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of the deploy/ installs reports the fault it exists for, in a copy of an install changed on purpose. */
class ManifestProblemsTest {

    private static final String BASE = "k8s/base";

    @Test
    void aProbeOnAWrongPathIsReported() {
        assertReported("readinessProbe expected httpGet path", container(c ->
                ((ObjectNode) c.path("readinessProbe").path("httpGet")).put("path", "/q/health/readyz")));
    }

    @Test
    void aProbeOnAnotherPortIsReported() {
        assertReported("livenessProbe expected port", container(c ->
                ((ObjectNode) c.path("livenessProbe").path("httpGet")).put("port", 9000)));
    }

    @Test
    void aContainerWithoutLimitsIsReported() {
        assertReported("expected resources.limits.memory", container(c -> ((ObjectNode) c.path("resources")).remove("limits")));
    }

    @Test
    void anEnvironmentVariableNamingNoConfigKeyIsReported() {
        assertReported("MIXGUARD_MODEL_DIR expected to map", container(c ->
                ((ObjectNode) c.path("env").path(1)).put("name", "MIXGUARD_MODEL_DIR")));
    }

    @Test
    void anInferenceServiceOnAnUnknownRuntimeIsReported() {
        assertReported("runtime expected a ClusterServingRuntime", Deploy.problemsWith("kserve", "InferenceService",
                doc -> ((ObjectNode) doc.at("/spec/predictor/model")).put("runtime", "kserve-tritonserver")));
    }

    @Test
    void replicasBesideTheAutoscalerAreReported() {
        assertReported("expected no spec.replicas beside", Deploy.problemsWith(BASE, "Deployment",
                doc -> ((ObjectNode) doc.path("spec")).put("replicas", 2)));
    }

    @Test
    void aOneSecondLivenessTimeoutIsReported() {
        assertReported("livenessProbe expected timeoutSeconds >= 3", container(c ->
                ((ObjectNode) c.path("livenessProbe")).remove("timeoutSeconds")));
    }

    @Test
    void aGracePeriodShorterThanTheDrainIsReported() {
        long needed = drainSeconds() + WorkloadChecks.EXIT_MARGIN_S;
        assertReported("expected terminationGracePeriodSeconds >= " + needed + " (preStop sleep 0 s + drain delay "
                + "quarkus.shutdown.delay " + Deploy.facts().shutdownDelay().toSeconds() + " s + "
                + "quarkus.shutdown.timeout " + Deploy.facts().shutdownTimeout().toSeconds() + " s + 3 s to exit), "
                + "found " + (needed - 1),
                Deploy.problemsWith(BASE, "Deployment", doc -> ((ObjectNode) doc.at("/spec/template/spec"))
                        .put("terminationGracePeriodSeconds", needed - 1)));
    }

    @Test
    void aPreStopSleepOnTopOfTheServicesDrainIsReported() {
        int grace = Deploy.object(BASE, "Deployment").at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
        int sleep = grace - (int) drainSeconds() - WorkloadChecks.EXIT_MARGIN_S + 1;
        assertReported("expected terminationGracePeriodSeconds >= " + (grace + 1) + " (preStop sleep " + sleep + " s",
                container(c ->
                c.putObject("lifecycle").putObject("preStop").putObject("sleep").put("seconds", sleep)));
    }

    @Test
    void aShutdownTimeoutRaisedInTheContainersEnvironmentIsCounted() {
        assertReported("quarkus.shutdown.timeout 60 s + 3 s to exit), found 30", container(c ->
                ((ArrayNode) c.path("env")).addObject().put("name", "QUARKUS_SHUTDOWN_TIMEOUT").put("value", "1m")));
    }

    @Test
    void aReadWriteOnceModelsClaimUnderAnAutoscaledInferenceServiceIsReported() {
        assertReported("expected an access mode of [ReadWriteMany, ReadOnlyMany], found [ReadWriteOnce]",
                Deploy.problemsWith("kserve", "PersistentVolumeClaim", readWriteOnce()));
    }

    @Test
    void aReadWriteOnceEngineCacheUnderTheAutoscalerIsReported() {
        assertReported("up to 4 replicas on any node mount claim mixguard-trt-cache",
                Deploy.problemsWith("k8s/overlays/gpu", "PersistentVolumeClaim", readWriteOnce()));
    }

    @Test
    void aPodWithoutSeccompProfileIsReported() {
        assertReported("expected seccompProfile type RuntimeDefault or Localhost", Deploy.problemsWith(BASE, "Deployment",
                doc -> ((ObjectNode) doc.at("/spec/template/spec/securityContext")).remove("seccompProfile")));
    }

    @Test
    void privilegeEscalationAndAHostPathVolumeAreReported() {
        List<String> problems = Deploy.problemsWith(BASE, "Deployment", doc -> {
            ((ObjectNode) doc.at("/spec/template/spec/containers/0/securityContext")).put("allowPrivilegeEscalation", true);
            ((ArrayNode) doc.at("/spec/template/spec/volumes")).addObject().put("name", "host")
                    .putObject("hostPath").put("path", "/var/run");
        });
        assertReported("expected allowPrivilegeEscalation false", problems);
        assertReported("volume host expected one of the types", problems);
    }

    @Test
    void aServingRuntimeContainerWithoutSecurityContextIsReported() {
        assertReported("expected runAsNonRoot true on the pod or the container", Deploy.problemsWith("kserve",
                "ClusterServingRuntime", doc -> ((ObjectNode) doc.at("/spec/containers/0")).remove("securityContext")));
    }

    @Test
    void aMisspelledOrMistypedFieldFailsTheSchema() {
        List<String> problems = new SchemaChecks().problems(Deploy.changed(BASE, "Deployment", doc ->
                ((ObjectNode) doc.at("/spec/template/spec/containers/0/livenessProbe")).put("timeoutSecond", 5)));
        assertReported("Unrecognized field \"timeoutSecond\"", problems);
        assertReported("at spec.template.spec.containers[0].livenessProbe.timeoutSecond", problems);
        assertEquals(1, problems.size(), "expected the one changed object, found " + problems);
        List<String> mistyped = new SchemaChecks().problems(Deploy.changed(BASE, "Deployment", doc ->
                ((ObjectNode) doc.at("/spec/template/spec/containers/0/securityContext/capabilities")).put("drop", "ALL")));
        assertReported("at spec.template.spec.containers[0].securityContext.capabilities.drop", mistyped);
    }

    @Test
    void aKustomizationWithAFieldTheRendererDoesNotKnowIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Kustomize.FILE), "resources: []\nnamePrefix: x-\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
        assertTrue(e.getMessage().contains("found namePrefix"), e.getMessage());
    }

    @Test
    void aPatchWhoseTargetIsMissingIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("service.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n");
        Files.writeString(dir.resolve("patch.yaml"), "- op: add\n  path: /spec\n  value: {}\n");
        Files.writeString(dir.resolve(Kustomize.FILE), "resources: [service.yaml]\npatches:\n"
                + "  - path: patch.yaml\n    target: {kind: Service, name: b}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
        assertTrue(e.getMessage().contains("expected to match an object, found none"), e.getMessage());
    }

    /** The service's own drain delay plus shutdown timeout, in seconds, as application.properties sets them. */
    private static long drainSeconds() {
        return Deploy.facts().shutdownDelay().plus(Deploy.facts().shutdownTimeout()).toSeconds();
    }

    private static List<String> container(Consumer<ObjectNode> change) {
        return Deploy.problemsWith(BASE, "Deployment",
                doc -> change.accept((ObjectNode) doc.at("/spec/template/spec/containers/0")));
    }

    private static Consumer<ObjectNode> readWriteOnce() {
        return doc -> ((ObjectNode) doc.path("spec")).putArray("accessModes").add("ReadWriteOnce");
    }
}
