package dev.mixguard.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns a session just opened on a provider into a served model: warm-up, then the engine self-check on the
 * model's parity vectors. When their errors exceed the provider's tolerance it fails the model, or, with fallback
 * on, rejects the provider so that the chooser records why and tries the next one.
 */
final class SessionAcceptance {

    private static final Logger LOG = Logger.getLogger(SessionAcceptance.class);

    private final OrtEnvironment env;
    private final CheckedModel checked;
    private final int largestRun;
    private final Optional<List<Integer>> warmUpSizes;
    private final SelfCheckPolicy policy;
    private final LoadStage.Listener listener;

    /**
     * @param warmUpSizes the configured warm-up batch sizes; when empty, those {@link BatchPolicy#warmUpSizes}
     *     gives for the provider
     */
    SessionAcceptance(OrtEnvironment env, CheckedModel checked, int largestRun, Optional<List<Integer>> warmUpSizes,
            SelfCheckPolicy policy, LoadStage.Listener listener) {
        this.env = env;
        this.checked = checked;
        this.largestRun = largestRun;
        this.warmUpSizes = warmUpSizes;
        this.policy = policy;
        this.listener = listener;
    }

    /**
     * The served model on {@code opened}'s session, which it closes on any failure; throws ModelLoadException when
     * the model fails, ProviderRejectedException when the next provider should be tried.
     */
    LoadedModel accept(OpenedSession opened) {
        LoadedModel model = new LoadedModel(env, opened, checked.file(), checked.spec(), checked.knobs(), largestRun);
        String provider = model.provider().id();
        List<Integer> sizes = warmUpSizes.orElseGet(() -> BatchPolicy.warmUpSizes(model.provider(), largestRun));
        listener.entered(LoadStage.warmingUp(model.provider(), sizes));
        try {
            model.warmUp(sizes);
        } catch (RuntimeException e) {
            close(model);
            throw new ModelLoadException(checked.file() + ": warm-up on " + provider + " failed: " + e.getMessage(), e);
        }
        long begin = System.nanoTime();
        Optional<ParityVectors> vectors;
        try {
            vectors = checked.parityVectors();
        } catch (ModelLoadException e) {
            close(model);
            throw e;
        }
        if (vectors.isEmpty()) {
            return model;
        }
        ParityReport report = selfCheck(model, vectors.get());
        if (report.passed()) {
            LOG.infof("model %s: self-check %s (%d ms, reading the vectors included)", checked.name(),
                    report.summary(), (System.nanoTime() - begin) / 1_000_000);
            return model.withSelfCheck(report);
        }
        close(model);
        if (policy.fallback()) {
            throw new ProviderRejectedException("self-check " + report.summary());
        }
        throw new SelfCheckFailedException(checked.file() + ": self-check " + report.summary()
                + " (mixguard.inference.self-check.on-failure=fallback would try the next provider instead)");
    }

    private ParityReport selfCheck(LoadedModel model, ParityVectors vectors) {
        listener.entered(LoadStage.selfChecking(model.provider(), vectors.count()));
        try {
            return ParityRun.check(model, vectors, policy.tolerances().apply(model.provider()));
        } catch (RuntimeException e) {
            close(model);
            throw new ModelLoadException(checked.file() + ": self-check on " + model.provider().id() + " could not "
                    + "run the parity vectors: " + e.getMessage(), e);
        }
    }

    private static void close(LoadedModel model) {
        try {
            model.close();
        } catch (OrtException e) {
            LOG.warnf("closing the session of %s on %s: %s", model.name(), model.provider().id(), e.getMessage());
        }
    }
}
