package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one container spec against the service: its port, probes, resources and the config it sets. */
final class ContainerChecks {

    /** Probe field of a container spec, by the health route kind it must point at. */
    static final Map<String, String> PROBES = Map.of(
            "livenessProbe", "live", "readinessProbe", "ready", "startupProbe", "started");

    private final ServiceFacts facts;

    ContainerChecks(ServiceFacts facts) {
        this.facts = facts;
    }

    /** Problems of {@code container}; the probes named in {@code required} must be present. */
    List<String> check(String where, JsonNode container, Set<String> required) {
        String at = where + " container " + container.path("name").asText("?");
        List<String> problems = new ArrayList<>();
        ports(at, container, problems);
        problems.addAll(resources(at, container.path("resources")));
        PROBES.forEach((field, kind) -> probe(at, container, field, kind, required.contains(field), problems));
        config(at, container, problems);
        return problems;
    }

    /** Requests and limits for both CPU and memory. */
    static List<String> resources(String where, JsonNode resources) {
        List<String> problems = new ArrayList<>();
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (resources.path(bound).path(resource).asText().isEmpty()) {
                    problems.add(where + ": expected resources." + bound + "." + resource + ", found none");
                }
            }
        }
        return problems;
    }

    /** The container port a probe's or service's port refers to, by number or by name; -1 when none. */
    static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt(-1);
            }
        }
        return -1;
    }

    private void ports(String at, JsonNode container, List<String> problems) {
        JsonNode ports = container.path("ports");
        if (!ports.isArray() || ports.isEmpty()) {
            problems.add(at + ": expected containerPort " + facts.httpPort() + ", found no ports");
        }
        for (JsonNode port : ports) {
            if (port.path("containerPort").asInt(-1) != facts.httpPort()) {
                problems.add(at + ": expected containerPort " + facts.httpPort() + " (quarkus.http.port), found "
                        + port.path("containerPort"));
            }
        }
    }

    private void probe(String at, JsonNode container, String field, String kind, boolean required,
            List<String> problems) {
        JsonNode probe = container.path(field);
        if (probe.isMissingNode()) {
            if (required) {
                problems.add(at + ": expected a " + field + " on " + facts.healthRoutes().get(kind) + ", found none");
            }
            return;
        }
        JsonNode get = probe.path("httpGet");
        String expected = facts.healthRoutes().get(kind);
        if (!expected.equals(get.path("path").asText())) {
            problems.add(at + ": " + field + " expected httpGet path " + expected + ", found " + get.path("path"));
        }
        int port = resolvePort(container, get.path("port"));
        if (port != facts.httpPort()) {
            problems.add(at + ": " + field + " expected port " + facts.httpPort() + ", found " + get.path("port")
                    + (port > 0 ? " (" + port + ")" : ""));
        }
    }

    private void config(String at, JsonNode container, List<String> problems) {
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            if (name.startsWith("MIXGUARD_") && !facts.isConfigEnv(name)) {
                problems.add(at + ": env " + name + " expected to map onto a mixguard.* config key, found none");
            }
        }
        for (JsonNode arg : container.path("args")) {
            String text = arg.asText();
            if (text.startsWith("-Dmixguard.")) {
                String key = text.substring(2, text.contains("=") ? text.indexOf('=') : text.length());
                if (!facts.isConfigKey(key)) {
                    problems.add(at + ": argument " + text + " expected a known config key, found " + key);
                }
            }
        }
    }
}
