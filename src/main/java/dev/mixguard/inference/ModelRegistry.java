package dev.mixguard.inference;

import dev.mixguard.config.ModelsConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Owns every served model. At start-up it checks each subfolder of {@code mixguard.models.dir} that holds a
 * {@code model.onnx} on CPU (a broken model stops start-up when {@code mixguard.models.fail-on-error} is set),
 * then opens and warms the models up one after another on a background thread. Start-up waits for that at
 * most {@code mixguard.models.startup-wait}, so a slow TensorRT engine build does not hold up the HTTP server;
 * readiness stays DOWN until the models are ready. Hands out ready models by name.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelLoader loader;
    private final ModelOpener opener;
    private final ModelsConfig config;
    private final Map<String, ModelState> states = new ConcurrentSkipListMap<>();
    private final BackgroundThread loading = new BackgroundThread("mixguard-model-loading");
    private final Object lock = new Object();
    private volatile boolean started;
    private volatile String problem;
    private boolean stopping;

    ModelRegistry(ModelLoader loader, ModelOpener opener, ModelsConfig config) {
        this.loader = loader;
        this.opener = opener;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        long begin = System.nanoTime();
        List<CheckedModel> checked = checkAll(ModelDirectory.scan(Path.of(config.dir())));
        started = true;
        LOG.infof("models checked in %d ms: %s; loading %d in the background, readiness stays DOWN until they are"
                + " ready", (System.nanoTime() - begin) / 1_000_000, summary(), checked.size());
        awaitStartupWait(openInBackground(checked));
    }

    /**
     * Checks every folder on the start-up thread. With fail-on-error, any failure (or a missing or empty folder)
     * stops start-up here, naming the file and what is wrong; otherwise failures stay as FAILED states.
     */
    private List<CheckedModel> checkAll(ModelDirectory directory) {
        problem = directory.problem().orElse(null);
        directory.folders().forEach(folder -> states.put(ModelDirectory.name(folder), ModelState.loading(
                ModelDirectory.name(folder), folder, LoadStage.checking(), Instant.now())));
        List<CheckedModel> checked = new ArrayList<>();
        directory.folders().forEach(folder -> check(folder).ifPresent(checked::add));
        List<String> failures = new ArrayList<>();
        problem().ifPresent(failures::add);
        states.values().stream().filter(state -> state.status() == ModelState.Status.FAILED)
                .forEach(state -> failures.add(state.reason()));
        if (!failures.isEmpty() && config.failOnError()) {
            checked.forEach(CheckedModel::discard);
            throw new ModelLoadException(String.join("; ", failures)
                    + " (set mixguard.models.fail-on-error=false to start anyway with readiness DOWN)");
        }
        checked.forEach(model -> states.put(model.name(),
                ModelState.loading(model.name(), model.folder(), LoadStage.queued(), Instant.now())));
        return checked;
    }

    /** Opens the checked models one after another on the background thread; the latch opens when all are done. */
    private CountDownLatch openInBackground(List<CheckedModel> checked) {
        long begin = System.nanoTime();
        CountDownLatch loaded = new CountDownLatch(1);
        loading.submit(() -> {
            checked.forEach(this::open);
            loaded.countDown();
            LOG.infof("models loaded in %d ms: %s", (System.nanoTime() - begin) / 1_000_000, summary());
        });
        return loaded;
    }

    /** Holds start-up (and so the HTTP server) for at most mixguard.models.startup-wait while models load. */
    private void awaitStartupWait(CountDownLatch loaded) {
        Duration wait = config.startupWait();
        try {
            if (!loaded.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.infof("models still loading after mixguard.models.startup-wait=%s: %s; the HTTP server opens now"
                        + " with readiness DOWN until they are ready", wait, failures());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (lock) {
            stopping = true;
            loading.stop();
            for (ModelState state : states.values()) {
                if (state.model() != null) {
                    close(state.model());
                }
            }
        }
    }

    /** Whether every model folder has been found and checked; loading may still go on in the background. */
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
        Instant now = Instant.now();
        List<String> reasons = new ArrayList<>();
        problem().ifPresent(reasons::add);
        for (ModelState state : states.values()) {
            state.problem(now).ifPresent(reasons::add);
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
            case LOADING -> throw new ModelUnavailableException("model \"" + name
                    + "\": expected ready, found loading (" + state.stage().activity() + ")");
            case FAILED -> throw new ModelUnavailableException("model \"" + name + "\": expected ready, found failed: "
                    + state.reason());
        };
    }

    /** Checks one folder on the start-up thread; a failure is logged and kept as the model's state. */
    private Optional<CheckedModel> check(Path folder) {
        String name = ModelDirectory.name(folder);
        try {
            return Optional.of(loader.check(folder));
        } catch (ModelLoadException e) {
            LOG.errorf("model %s not served: %s", name, e.getMessage());
            states.put(name, ModelState.failed(name, folder, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Opens one checked model on the background thread, keeping its stage up to date for readiness. */
    private void open(CheckedModel checked) {
        String name = checked.name();
        synchronized (lock) {
            if (stopping) {
                checked.discard();
                return;
            }
        }
        long begin = System.nanoTime();
        enter(checked, LoadStage.loading());
        try {
            LoadedModel model = opener.open(checked, stage -> enter(checked, stage));
            synchronized (lock) {
                if (stopping) {
                    close(model);
                    return;
                }
                states.put(name, ModelState.ready(model, checked.folder()));
            }
            LOG.infof("model %s: ready on %s in %d ms", name, model.provider().id(),
                    (System.nanoTime() - begin) / 1_000_000);
        } catch (RuntimeException e) {
            String reason = e instanceof ModelLoadException ? e.getMessage() : checked.file()
                    + ": expected the model to open, found an internal error (the server log has the details)";
            LOG.errorf(e instanceof ModelLoadException ? null : e, "model %s not served: %s", name, reason);
            states.put(name, ModelState.failed(name, checked.folder(), reason));
            if (config.failOnError() && !(e instanceof SelfCheckFailedException)) {
                LOG.errorf("stopping: model %s failed to load and mixguard.models.fail-on-error is true", name);
                Quarkus.asyncExit(1);
            }
        }
    }

    private void enter(CheckedModel checked, LoadStage stage) {
        states.put(checked.name(), ModelState.loading(checked.name(), checked.folder(), stage, Instant.now()));
        LOG.infof("model %s: %s", checked.name(), stage.activity());
    }

    private static void close(LoadedModel model) {
        try {
            model.close();
        } catch (Exception e) {
            LOG.warnf("closing %s: %s", model.name(), e.getMessage());
        }
    }

    private String summary() {
        return states.values().stream().map(s -> s.name() + "=" + s.status()
                + (s.model() != null ? "(" + s.model().provider().id() + ")" : "")).toList().toString();
    }
}
