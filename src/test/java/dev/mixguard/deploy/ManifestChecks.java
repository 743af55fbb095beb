package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Checks the objects of one install (a rendered kustomization under deploy/) against the service and against each
 * other: probes, ports, resources and config keys of every container, every reference from one object to another,
 * Pod Security "restricted", and how the pods scale and stop.
 */
final class ManifestChecks {

    static final String KSERVE_MODEL_DIR = "/mnt/models";

    private final ServiceFacts facts;
    private final List<Manifest> all;
    private final ContainerChecks containers;
    private final WorkloadChecks workloads;

    ManifestChecks(ServiceFacts facts, List<Manifest> all) {
        this.facts = facts;
        this.all = all;
        this.containers = new ContainerChecks(facts);
        this.workloads = new WorkloadChecks(facts, all);
    }

    /** Every problem found, each naming the file, the object and what was expected and found. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : all) {
            if (m.doc().path("apiVersion").asText().isEmpty() || m.kind().isEmpty()) {
                problems.add(m.file().getFileName() + ": expected apiVersion and kind, found " + m.doc().path("apiVersion")
                        + " and " + m.doc().path("kind"));
                continue;
            }
            switch (m.kind()) {
                case "Deployment" -> deployment(m, problems);
                case "Service" -> service(m, problems);
                case "HorizontalPodAutoscaler" -> autoscaler(m, problems);
                case "ClusterServingRuntime", "ServingRuntime" -> servingRuntime(m, problems);
                case "InferenceService" -> inferenceService(m, problems);
                default -> { }
            }
        }
        return problems;
    }

    private void deployment(Manifest m, List<String> problems) {
        JsonNode pod = m.doc().path("spec").path("template").path("spec");
        for (JsonNode container : pod.path("containers")) {
            problems.addAll(containers.check(m.where(), container, ContainerChecks.PROBES.keySet()));
            cacheDirsOnClaims(m, pod, container, problems);
        }
        problems.addAll(PodSecurityChecks.check(m.where(), pod, pod.path("containers")));
        problems.addAll(workloads.deployment(m));
        for (JsonNode volume : pod.path("volumes")) {
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
            if (!claim.isEmpty() && named("PersistentVolumeClaim", claim).isEmpty()) {
                problems.add(m.where() + ": volume " + volume.path("name").asText() + " expected a "
                        + "PersistentVolumeClaim " + claim + " in the same install, found none");
            }
        }
    }

    /** Each *_CACHE_DIR the container sets (TensorRT engines, timings) must lie on a persistent volume. */
    private void cacheDirsOnClaims(Manifest m, JsonNode pod, JsonNode container, List<String> problems) {
        Set<String> claimVolumes = new HashSet<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("persistentVolumeClaim")) {
                claimVolumes.add(v.path("name").asText());
            }
        });
        for (JsonNode env : container.path("env")) {
            String dir = env.path("value").asText();
            if (!env.path("name").asText().endsWith("_CACHE_DIR")) {
                continue;
            }
            boolean persistent = StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                    .filter(mount -> claimVolumes.contains(mount.path("name").asText()))
                    .anyMatch(mount -> (dir + "/").startsWith(mount.path("mountPath").asText() + "/"));
            if (!persistent) {
                problems.add(m.where() + ": " + env.path("name").asText() + "=" + dir
                        + " expected on a mounted PersistentVolumeClaim, found no such mount");
            }
        }
    }

    private void service(Manifest m, List<String> problems) {
        JsonNode selector = m.doc().path("spec").path("selector");
        Optional<Manifest> target = all.stream().filter(d -> d.kind().equals("Deployment"))
                .filter(d -> matches(selector, d.doc().path("spec").path("template").path("metadata").path("labels")))
                .findFirst();
        if (target.isEmpty()) {
            problems.add(m.where() + ": selector " + selector + " expected to match a Deployment's pods, found none");
            return;
        }
        JsonNode container = target.get().doc().path("spec").path("template").path("spec").path("containers").path(0);
        for (JsonNode port : m.doc().path("spec").path("ports")) {
            JsonNode targetPort = port.has("targetPort") ? port.path("targetPort") : port.path("port");
            if (ContainerChecks.resolvePort(container, targetPort) != facts.httpPort()) {
                problems.add(m.where() + ": targetPort expected to reach " + facts.httpPort() + ", found " + targetPort);
            }
        }
    }

    private void autoscaler(Manifest m, List<String> problems) {
        JsonNode target = m.doc().path("spec").path("scaleTargetRef");
        if (!m.doc().path("apiVersion").asText().equals("autoscaling/v2")) {
            problems.add(m.where() + ": expected apiVersion autoscaling/v2, found " + m.doc().path("apiVersion"));
        }
        if (named(target.path("kind").asText(), target.path("name").asText()).isEmpty()
                || !target.path("kind").asText().equals("Deployment")) {
            problems.add(m.where() + ": scaleTargetRef expected a Deployment in the same install, found " + target);
        }
        boolean cpu = StreamSupport.stream(m.doc().path("spec").path("metrics").spliterator(), false)
                .anyMatch(metric -> metric.path("resource").path("name").asText().equals("cpu"));
        if (!cpu) {
            problems.add(m.where() + ": expected a cpu resource metric, found " + m.doc().path("spec").path("metrics"));
        }
    }

    private void servingRuntime(Manifest m, List<String> problems) {
        JsonNode spec = m.doc().path("spec");
        if (!texts(spec.path("protocolVersions")).contains("v2")) {
            problems.add(m.where() + ": protocolVersions expected to hold v2, found " + spec.path("protocolVersions"));
        }
        if (!texts(spec.path("supportedModelFormats"), "name").contains("onnx")) {
            problems.add(m.where() + ": supportedModelFormats expected onnx, found " + spec.path("supportedModelFormats"));
        }
        problems.addAll(PodSecurityChecks.check(m.where(), MissingNode.getInstance(), spec.path("containers")));
        for (JsonNode container : spec.path("containers")) {
            problems.addAll(containers.check(m.where(), container, Set.of("readinessProbe")));
            WorkloadChecks.probes(m.where() + " container " + container.path("name").asText(), container, problems);
            String modelsDir = "-Dmixguard.models.dir=" + KSERVE_MODEL_DIR;
            if (!texts(container.path("args")).contains(modelsDir)) {
                problems.add(m.where() + ": args expected " + modelsDir + ", found " + container.path("args"));
            }
        }
    }

    private void inferenceService(Manifest m, List<String> problems) {
        JsonNode model = m.doc().path("spec").path("predictor").path("model");
        String runtimeName = model.path("runtime").asText();
        Optional<Manifest> runtime = named("ClusterServingRuntime", runtimeName);
        if (runtime.isEmpty()) {
            problems.add(m.where() + ": runtime expected a ClusterServingRuntime in the same install, found " + runtimeName);
        } else {
            JsonNode spec = runtime.get().doc().path("spec");
            expectIn(m, "modelFormat.name", model.path("modelFormat").path("name").asText(),
                    texts(spec.path("supportedModelFormats"), "name"), problems);
            expectIn(m, "protocolVersion", model.path("protocolVersion").asText(),
                    texts(spec.path("protocolVersions")), problems);
        }
        problems.addAll(ContainerChecks.resources(m.where() + " predictor", model.path("resources")));
        String uri = model.path("storageUri").asText();
        if (uri.startsWith("pvc://") && named("PersistentVolumeClaim", uri.substring(6).split("/")[0]).isEmpty()) {
            problems.add(m.where() + ": storageUri " + uri + " expected a PersistentVolumeClaim in the same install, found none");
        }
        problems.addAll(workloads.inferenceService(m));
    }

    private void expectIn(Manifest m, String field, String value, List<String> allowed, List<String> problems) {
        if (!allowed.contains(value)) {
            problems.add(m.where() + ": " + field + " expected one of " + allowed + ", found " + value);
        }
    }

    private Optional<Manifest> named(String kind, String name) {
        return all.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!labels.path(entry.getKey()).asText().equals(entry.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode array, String... field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> field.length == 0 ? n.asText() : n.path(field[0]).asText()).toList();
    }
}
