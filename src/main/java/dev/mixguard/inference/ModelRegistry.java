package dev.mixguard.inference;

import dev.mixguard.config.ModelsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Owns every served model: at start-up loads each subfolder of {@code mixguard.models.dir} that holds a
 * {@code model.onnx}, keeps each one's state, and hands out ready models by name.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelLoader loader;
    private final ModelsConfig config;
    private final Map<String, ModelState> states = new ConcurrentSkipListMap<>();
    private volatile boolean started;
    private volatile String problem;

    ModelRegistry(ModelLoader loader, ModelsConfig config) {
        this.loader = loader;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Path dir = Path.of(config.dir());
        long begin = System.nanoTime();
        List<Path> folders = modelFolders(dir);
        folders.forEach(folder -> states.put(name(folder), ModelState.loading(name(folder), folder)));
        folders.forEach(this::loadOne);
        started = true;
        LOG.infof("models loaded in %d ms: %s", (System.nanoTime() - begin) / 1_000_000, summary());
        List<String> failures = failures();
        if (!failures.isEmpty() && config.failOnError()) {
            throw new ModelLoadException(String.join("; ", failures)
                    + " (set mixguard.models.fail-on-error=false to start anyway with readiness DOWN)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        for (ModelState state : states.values()) {
            if (state.model() != null) {
                try {
                    state.model().close();
                } catch (Exception e) {
                    LOG.warnf("closing %s: %s", state.name(), e.getMessage());
                }
            }
        }
    }

    /** Whether start-up loading has finished (successfully or not). */
    public boolean started() {
        return started;
    }

    /** Every model folder found, by name. */
    public Collection<ModelState> states() {
        return List.copyOf(states.values());
    }

    /** A problem with the models folder as a whole (missing, unreadable, empty), if any. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Reasons, one per model or for the folder, why the registry is not fully ready; empty when it is. */
    public List<String> failures() {
        List<String> reasons = new ArrayList<>();
        problem().ifPresent(reasons::add);
        for (ModelState state : states.values()) {
            switch (state.status()) {
                case FAILED -> reasons.add(state.reason());
                case LOADING -> reasons.add(state.name() + ": still loading");
                case READY -> {
                    // nothing to report
                }
            }
        }
        return reasons;
    }

    /** The ready model called {@code name}. */
    public LoadedModel get(String name) {
        ModelState state = states.get(name);
        if (state == null) {
            throw new UnknownModelException(name, states.keySet());
        }
        return switch (state.status()) {
            case READY -> state.model();
            case LOADING -> throw new ModelUnavailableException("model \"" + name + "\": expected ready, found loading");
            case FAILED -> throw new ModelUnavailableException("model \"" + name + "\": expected ready, found failed: "
                    + state.reason());
        };
    }

    private void loadOne(Path folder) {
        String name = name(folder);
        try {
            states.put(name, ModelState.ready(loader.load(folder), folder));
        } catch (ModelLoadException e) {
            LOG.errorf("model %s not served: %s", name, e.getMessage());
            states.put(name, ModelState.failed(name, folder, e.getMessage()));
        }
    }

    private List<Path> modelFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            problem = "mixguard.models.dir: expected a folder at " + dir.toAbsolutePath() + ", found none";
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> folders = children.filter(Files::isDirectory)
                    .filter(folder -> Files.exists(folder.resolve(ModelLoader.MODEL_FILE))).sorted().toList();
            if (folders.isEmpty()) {
                problem = "mixguard.models.dir: expected subfolders holding " + ModelLoader.MODEL_FILE + " in "
                        + dir.toAbsolutePath() + ", found none";
            }
            return folders;
        } catch (IOException e) {
            problem = "mixguard.models.dir: expected a readable folder at " + dir.toAbsolutePath() + ", found: " + e;
            return List.of();
        }
    }

    private String summary() {
        return states.values().stream().map(s -> s.name() + "=" + s.status()
                + (s.model() != null ? "(" + s.model().provider().id() + ")" : "")).toList().toString();
    }

    private static String name(Path folder) {
        return folder.getFileName().toString();
    }
}
