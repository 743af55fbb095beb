package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One Kubernetes object read from a YAML file under deploy/, with the file it came from. */
record Manifest(Path file, JsonNode doc) {

    private static final YAMLMapper YAML = new YAMLMapper();

    String kind() {
        return doc.path("kind").asText();
    }

    String name() {
        return doc.path("metadata").path("name").asText();
    }

    /** "file: Kind/name", the prefix of every problem reported about this object. */
    String where() {
        return file.getFileName() + ": " + kind() + "/" + name();
    }

    /** The objects of one file. */
    static List<Manifest> read(Path file) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    manifests.add(new Manifest(file, doc));
                }
            }
        }
        return manifests;
    }
}
