package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The controls of Kubernetes' Pod Security Standard "restricted" (which includes "baseline") that a manifest
 * decides: host namespaces and ports, privileged containers, capabilities, volume types, privilege escalation,
 * running as non-root, and the seccomp profile. A setting may come from the pod or from every container.
 */
final class PodSecurityChecks {

    static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> SECCOMP = Set.of("RuntimeDefault", "Localhost");

    private PodSecurityChecks() {
    }

    /** Problems of a pod spec; for a KServe runtime, which has containers only, pass a missing pod. */
    static List<String> check(String where, JsonNode pod, JsonNode containers) {
        List<String> problems = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                problems.add(where + ": expected no " + host + " (restricted), found true");
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            for (Iterator<String> fields = volume.fieldNames(); fields.hasNext(); ) {
                String type = fields.next();
                if (!type.equals("name") && !VOLUME_TYPES.contains(type)) {
                    problems.add(where + ": volume " + volume.path("name").asText() + " expected one of the types "
                            + VOLUME_TYPES + " (restricted), found " + type);
                }
            }
        }
        JsonNode podContext = pod.path("securityContext");
        for (JsonNode container : containers) {
            container(where + " container " + container.path("name").asText(), podContext, container, problems);
        }
        return problems;
    }

    private static void container(String at, JsonNode pod, JsonNode container, List<String> problems) {
        JsonNode context = container.path("securityContext");
        if (context.path("privileged").asBoolean(false)) {
            problems.add(at + ": expected privileged unset or false, found true");
        }
        if (!context.path("allowPrivilegeEscalation").isBoolean() || context.path("allowPrivilegeEscalation").asBoolean()) {
            problems.add(at + ": expected allowPrivilegeEscalation false (restricted), found "
                    + context.path("allowPrivilegeEscalation"));
        }
        List<String> dropped = new ArrayList<>();
        context.path("capabilities").path("drop").forEach(c -> dropped.add(c.asText()));
        if (!dropped.contains("ALL")) {
            problems.add(at + ": expected capabilities.drop [ALL] (restricted), found " + dropped);
        }
        context.path("capabilities").path("add").forEach(c -> {
            if (!c.asText().equals("NET_BIND_SERVICE")) {
                problems.add(at + ": expected no added capability but NET_BIND_SERVICE, found " + c.asText());
            }
        });
        container.path("ports").forEach(p -> {
            if (p.has("hostPort")) {
                problems.add(at + ": expected no hostPort (baseline), found " + p.path("hostPort"));
            }
        });
        boolean nonRoot = context.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false));
        if (!nonRoot) {
            problems.add(at + ": expected runAsNonRoot true on the pod or the container (restricted), found none");
        }
        if (context.path("runAsUser").asInt(pod.path("runAsUser").asInt(-1)) == 0) {
            problems.add(at + ": expected a runAsUser other than 0 (restricted), found 0");
        }
        JsonNode seccomp = context.path("seccompProfile").has("type") ? context.path("seccompProfile")
                : pod.path("seccompProfile");
        if (!SECCOMP.contains(seccomp.path("type").asText())) {
            problems.add(at + ": expected seccompProfile type RuntimeDefault or Localhost on the pod or the container"
                    + " (restricted), found " + (seccomp.has("type") ? seccomp.path("type") : "none"));
        }
    }
}
