package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.mixguard.model.InputSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Opens a model on the first execution provider in the preference list that works. Any OrtException while
 * adding a provider or creating the session with it means "unavailable": logged once, kept as the reason,
 * and the next provider is tried. Nothing falls back silently.
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
     * Opens {@code file}; {@code cpuSession} is an already open CPU session of the same file, used when CPU is
     * chosen and closed otherwise.
     */
    OpenedSession open(Path file, InputSpec input, OrtSession cpuSession) throws OrtException {
        List<SkippedProvider> skipped = new ArrayList<>();
        for (ExecutionProvider provider : preference) {
            if (provider == ExecutionProvider.CPU) {
                return new OpenedSession(cpuSession, new OpenedSession.Choice(provider, skipped));
            }
            try (SessionOptions sessionOptions = options.create(provider, input)) {
                OrtSession session = env.createSession(file.toString(), sessionOptions);
                cpuSession.close();
                LOG.infof("%s: running on %s", file, provider.id());
                return new OpenedSession(session, new OpenedSession.Choice(provider, skipped));
            } catch (OrtException e) {
                String reason = e.getMessage();
                if (LOGGED.add(provider.id() + '\n' + reason)) {
                    LOG.warnf("execution provider %s unavailable, trying the next one: %s", provider.id(), reason);
                }
                skipped.add(new SkippedProvider(provider.id(), reason));
            }
        }
        cpuSession.close();
        throw new ModelLoadException(file + ": expected one of the execution providers " + ids()
                + " to open it, found none usable: " + skipped);
    }

    private List<String> ids() {
        return preference.stream().map(ExecutionProvider::id).toList();
    }
}
