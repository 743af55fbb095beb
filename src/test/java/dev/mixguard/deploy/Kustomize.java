package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization folder into the objects {@code kubectl kustomize} would emit, for the fields deploy/
 * uses: {@code resources} (files, or folders with their own kustomization) and {@code patches} that name a file
 * of JSON patch operations (RFC 6902) and a target. Any other field is refused rather than ignored.
 */
final class Kustomize {

    static final String FILE = "kustomization.yaml";
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "resources", "patches");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One install: the objects {@code kubectl apply -k dir} creates, and every file it read to make them. */
    record Install(Path dir, List<Manifest> objects, Set<Path> files) {
    }

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}. */
    static Install render(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonNode kustomization = YAML.readTree(file.toFile());
        for (Iterator<String> fields = kustomization.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": expected only the fields " + FIELDS + ", found " + field);
            }
        }
        List<Manifest> objects = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>(List.of(file));
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                Install base = render(path);
                objects.addAll(base.objects());
                files.addAll(base.files());
            } else {
                objects.addAll(Manifest.read(path));
                files.add(path);
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            Path path = dir.resolve(patch.path("path").asText()).normalize();
            apply(file, YAML.readTree(path.toFile()), patch.path("target"), objects);
            files.add(path);
        }
        return new Install(dir, List.copyOf(objects), files);
    }

    private static void apply(Path file, JsonNode operations, JsonNode target, List<Manifest> objects) {
        boolean applied = false;
        for (int i = 0; i < objects.size(); i++) {
            Manifest object = objects.get(i);
            if (targets(target, object)) {
                objects.set(i, new Manifest(object.file(), JsonPatch.apply(operations, object.doc())));
                applied = true;
            }
        }
        if (!applied) {
            throw new IllegalArgumentException(file + ": patch target " + target + " expected to match an object, found none");
        }
    }

    /** Whether a patch target (kind, name, and optionally group and version) selects {@code object}. */
    private static boolean targets(JsonNode target, Manifest object) {
        String apiVersion = object.doc().path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return target.path("kind").asText().equals(object.kind())
                && target.path("name").asText().equals(object.name())
                && (!target.has("group") || target.path("group").asText().equals(group))
                && (!target.has("version") || target.path("version").asText().equals(version));
    }
}
