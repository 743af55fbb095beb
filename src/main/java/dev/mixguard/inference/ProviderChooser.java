package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.mixguard.model.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Opens a model on the first execution provider in the preference list that works. Any OrtException while
 * adding a provider or creating the session with it means "unavailable", and a session the acceptance rejects
 * (a failed self-check with fallback on) "unusable": either is logged once, kept as the reason, and the next
 * provider is tried. Nothing falls back silently.
 */
final class ProviderChooser {

    private static final Logger LOG = Logger.getLogger(ProviderChooser.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final OrtEnvironment env;
    private final SessionOptionsFactory options;
    private final List<ExecutionProvider> preference;

    ProviderChooser(OrtEnvironment env, SessionOptionsFactory options, List<ExecutionProvider> preference) {
        this.env = env;
        this.options = options;
        this.preference = List.copyOf(preference);
    }

    /**
     * Opens {@code file}, or for TensorRT the plan's source, and hands the session to {@code acceptance} (warm-up
     * and self-check); {@code cpuSession} is an already open CPU session of the same file, used when CPU comes
     * first and otherwise closed before any GPU provider is tried, so its weights are not held during an engine
     * build. Each attempt is reported to {@code listener} first.
     */
    LoadedModel open(Path file, InputSpec input, EpContextPlan plan, OrtSession cpuSession,
            LoadStage.Listener listener, SessionAcceptance acceptance) throws OrtException {
        List<SkippedProvider> skipped = new ArrayList<>();
        OrtSession cpu = cpuSession;
        try {
            for (ExecutionProvider provider : preference) {
                OpenedSession opened;
                if (provider == ExecutionProvider.CPU) {
                    OrtSession chosen = cpu != null ? cpu : reopenOnCpu(file);
                    cpu = null;
                    opened = new OpenedSession(chosen, new OpenedSession.Choice(provider, skipped, file));
                } else {
                    if (cpu != null) {
                        cpu.close();
                        cpu = null;
                    }
                    opened = tryProvider(provider, file, input, plan, listener, skipped);
                }
                LoadedModel model = opened == null ? null : accept(opened, acceptance, skipped);
                if (model != null) {
                    return model;
                }
            }
        } finally {
            if (cpu != null) {
                cpu.close();
            }
        }
        throw new ModelLoadException(file + ": expected one of the execution providers " + ids()
                + " to open it, found none usable: " + skipped);
    }

    /** The session on {@code provider}, or null after adding the reason it failed to {@code skipped}. */
    private OpenedSession tryProvider(ExecutionProvider provider, Path file, InputSpec input, EpContextPlan plan,
            LoadStage.Listener listener, List<SkippedProvider> skipped) {
        boolean precompiled = provider == ExecutionProvider.TENSORRT && plan.precompiled();
        Path source = provider == ExecutionProvider.TENSORRT ? plan.source() : file;
        listener.entered(LoadStage.opening(provider, precompiled));
        long begin = System.nanoTime();
        try (SessionOptions sessionOptions = options.create(provider, input, plan)) {
            OrtSession session = env.createSession(source.toString(), sessionOptions);
            LOG.infof("%s: running on %s, session created in %d ms%s", file, provider.id(),
                    (System.nanoTime() - begin) / 1_000_000, precompiled ? " from pre-compiled " + source : "");
            if (provider == ExecutionProvider.TENSORRT && !plan.sessionEntries().isEmpty()) {
                Path written = Path.of(plan.sessionEntries().get(EpContextPlan.FILE_PATH));
                LOG.infof("%s: pre-compiled TensorRT model %s", file, Files.isRegularFile(written)
                        ? "written to " + written : "expected at " + written + ", found none written");
            }
            return new OpenedSession(session, new OpenedSession.Choice(provider, skipped, source));
        } catch (OrtException e) {
            String reason = e.getMessage() + (precompiled ? " (pre-compiled " + ShownPaths.shown(source)
                    + "; delete it to build the engine again)" : "");
            skip(provider, "unavailable", reason, skipped);
            return null;
        }
    }

    /** The model {@code acceptance} makes of the session, or null after adding why it rejected it to skipped. */
    private static LoadedModel accept(OpenedSession opened, SessionAcceptance acceptance,
            List<SkippedProvider> skipped) {
        try {
            return acceptance.accept(opened);
        } catch (ProviderRejectedException e) {
            skip(opened.choice().provider(), "unusable", e.getMessage(), skipped);
            return null;
        }
    }

    private static void skip(ExecutionProvider provider, String state, String reason, List<SkippedProvider> skipped) {
        if (LOGGED.add(provider.id() + '\n' + reason)) {
            LOG.warnf("execution provider %s %s, trying the next one: %s", provider.id(), state, reason);
        }
        skipped.add(new SkippedProvider(provider.id(), reason));
    }

    private OrtSession reopenOnCpu(Path file) throws OrtException {
        try (SessionOptions cpuOptions = options.cpu()) {
            return env.createSession(file.toString(), cpuOptions);
        }
    }

    private List<String> ids() {
        return preference.stream().map(ExecutionProvider::id).toList();
    }
}
