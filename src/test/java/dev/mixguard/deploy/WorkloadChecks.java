package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Checks how the pods of one install start, scale and stop: probe timeouts, the grace period against the
 * service's drain, replica counts left to an autoscaler, and claims that every replica can mount.
 */
final class WorkloadChecks {

    /** The service's drain on SIGTERM: readiness DOWN and serving on for this long. */
    static final String DRAIN_DELAY = "quarkus.shutdown.delay";
    /** The longest the service then waits for in-flight requests before it exits. */
    static final String SHUTDOWN_TIMEOUT = "quarkus.shutdown.timeout";
    /** Left between the service's exit and the kubelet's SIGKILL. */
    static final int EXIT_MARGIN_S = 3;
    /** Least liveness timeout: a full GC or CFS throttling under a 2-CPU limit can hold an answer over 1 s. */
    static final int LIVENESS_TIMEOUT_MIN_S = 3;
    static final List<String> SHARED_ACCESS = List.of("ReadWriteMany", "ReadOnlyMany");

    private final ServiceFacts facts;
    private final List<Manifest> all;

    WorkloadChecks(ServiceFacts facts, List<Manifest> all) {
        this.facts = facts;
        this.all = all;
    }

    /** Problems of a Deployment. */
    List<String> deployment(Manifest m) {
        List<String> problems = new ArrayList<>();
        JsonNode pod = m.doc().at("/spec/template/spec");
        Optional<Manifest> autoscaler = autoscalerOf(m);
        if (autoscaler.isPresent() && m.doc().path("spec").has("replicas")) {
            problems.add(m.where() + ": expected no spec.replicas beside " + autoscaler.get().where()
                    + " (every apply would reset its count), found " + m.doc().path("spec").path("replicas"));
        }
        int maxReplicas = autoscaler.map(a -> a.doc().path("spec").path("maxReplicas").asInt(1))
                .orElse(m.doc().path("spec").path("replicas").asInt(1));
        for (JsonNode volume : pod.path("volumes")) {
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
            if (!claim.isEmpty()) {
                sharedClaim(m.where() + " volume " + volume.path("name").asText(), claim, maxReplicas, problems);
            }
        }
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
        for (JsonNode container : pod.path("containers")) {
            String at = m.where() + " container " + container.path("name").asText();
            probes(at, container, problems);
            grace(at, container, grace, problems);
        }
        return problems;
    }

    /**
     * A grace period that covers any preStop sleep, the service's drain delay and shutdown timeout (from
     * application.properties, or the container's environment where it sets them) and a margin to exit.
     */
    private void grace(String at, JsonNode container, int grace, List<String> problems) {
        int preStop = container.at("/lifecycle/preStop/sleep/seconds").asInt(0);
        long delay = seconds(container, DRAIN_DELAY, facts.shutdownDelay());
        long timeout = seconds(container, SHUTDOWN_TIMEOUT, facts.shutdownTimeout());
        long needed = preStop + delay + timeout + EXIT_MARGIN_S;
        if (grace < needed) {
            problems.add(at + ": expected terminationGracePeriodSeconds >= " + needed + " (preStop sleep " + preStop
                    + " s + drain delay " + DRAIN_DELAY + " " + delay + " s + " + SHUTDOWN_TIMEOUT + " " + timeout
                    + " s + " + EXIT_MARGIN_S + " s to exit), found " + grace);
        }
    }

    /** {@code key} in whole seconds, rounded up: the container's environment variable for it, else {@code own}. */
    private static long seconds(JsonNode container, String key, Duration own) {
        Duration value = own;
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(ServiceFacts.envName(key)) && env.has("value")) {
                value = DurationConverter.parseDuration(env.path("value").asText().trim());
            }
        }
        return (value.toMillis() + 999) / 1000;
    }

    /** Problems of an InferenceService whose model lies on a claim. */
    List<String> inferenceService(Manifest m) {
        List<String> problems = new ArrayList<>();
        JsonNode predictor = m.doc().path("spec").path("predictor");
        String uri = predictor.path("model").path("storageUri").asText();
        if (uri.startsWith("pvc://")) {
            // KServe's default maxReplicas (absent or 0) sets no upper bound
            int maxReplicas = predictor.path("maxReplicas").asInt(0) == 0 ? Integer.MAX_VALUE
                    : predictor.path("maxReplicas").asInt();
            sharedClaim(m.where() + " storageUri " + uri, uri.substring(6).split("/")[0], maxReplicas, problems);
        }
        return problems;
    }

    /** Probe timeouts within their periods, and a liveness timeout that a busy JVM can meet. */
    static void probes(String at, JsonNode container, List<String> problems) {
        for (String field : ContainerChecks.PROBES.keySet()) {
            JsonNode probe = container.path(field);
            if (probe.isMissingNode()) {
                continue;
            }
            int timeout = probe.path("timeoutSeconds").asInt(1);
            int period = probe.path("periodSeconds").asInt(10);
            if (timeout > period) {
                problems.add(at + ": " + field + " expected timeoutSeconds <= periodSeconds " + period + ", found " + timeout);
            }
            if (field.equals("livenessProbe") && timeout < LIVENESS_TIMEOUT_MIN_S) {
                problems.add(at + ": livenessProbe expected timeoutSeconds >= " + LIVENESS_TIMEOUT_MIN_S
                        + " (a GC pause or CPU throttling must not restart the pod), found " + timeout);
            }
        }
    }

    private void sharedClaim(String at, String claim, int maxReplicas, List<String> problems) {
        Optional<Manifest> pvc = all.stream()
                .filter(o -> o.kind().equals("PersistentVolumeClaim") && o.name().equals(claim)).findFirst();
        if (pvc.isEmpty() || maxReplicas <= 1) {
            return;
        }
        List<String> modes = StreamSupport.stream(pvc.get().doc().path("spec").path("accessModes").spliterator(), false)
                .map(JsonNode::asText).toList();
        if (modes.stream().noneMatch(SHARED_ACCESS::contains)) {
            problems.add(at + ": up to " + (maxReplicas == Integer.MAX_VALUE ? "unbounded" : maxReplicas)
                    + " replicas on any node mount claim " + claim + ", expected an access mode of " + SHARED_ACCESS
                    + ", found " + modes);
        }
    }

    private Optional<Manifest> autoscalerOf(Manifest deployment) {
        return all.stream().filter(o -> o.kind().equals("HorizontalPodAutoscaler"))
                .filter(o -> o.doc().at("/spec/scaleTargetRef/kind").asText().equals(deployment.kind())
                        && o.doc().at("/spec/scaleTargetRef/name").asText().equals(deployment.name()))
                .findFirst();
    }
}
