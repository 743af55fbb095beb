package dev.mixguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The checkout's deploy/ folder, read once per test run: the service's facts and every install, rendered. */
final class Deploy {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path DEPLOY = ROOT.resolve("deploy");
    /** Every kustomization under deploy/: what {@code kubectl apply -k} can install. */
    static final List<String> INSTALLS = List.of("k8s/base", "k8s/overlays/gpu", "kserve");

    private static ServiceFacts facts;
    private static Map<String, Kustomize.Install> installs;

    private Deploy() {
    }

    static synchronized ServiceFacts facts() {
        if (facts == null) {
            try {
                facts = ServiceFacts.load(ROOT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("expected the config mapping classes on the class path, found " + e);
            }
        }
        return facts;
    }

    /** Every install by its folder under deploy/. */
    static synchronized Map<String, Kustomize.Install> installs() {
        if (installs == null) {
            Map<String, Kustomize.Install> rendered = new LinkedHashMap<>();
            for (String install : INSTALLS) {
                try {
                    rendered.put(install, Kustomize.render(DEPLOY.resolve(install)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            installs = rendered;
        }
        return installs;
    }

    /** The first object of {@code kind} in {@code install}. */
    static JsonNode object(String install, String kind) {
        return installs().get(install).objects().stream().filter(m -> m.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("expected a " + kind + " in " + install + ", found none")).doc();
    }

    /** The objects of {@code install}, with copies of those of {@code kind} changed by {@code change}. */
    static List<Manifest> changed(String install, String kind, Consumer<ObjectNode> change) {
        return installs().get(install).objects().stream().map(m -> {
            if (!m.kind().equals(kind)) {
                return m;
            }
            ObjectNode copy = m.doc().deepCopy();
            change.accept(copy);
            return new Manifest(m.file(), copy);
        }).toList();
    }

    /** The problems that ManifestChecks finds in {@code install} with the objects of {@code kind} changed. */
    static List<String> problemsWith(String install, String kind, Consumer<ObjectNode> change) {
        return new ManifestChecks(facts(), changed(install, kind, change)).problems();
    }
}
