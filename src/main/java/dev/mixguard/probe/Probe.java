package dev.mixguard.probe;

import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.List;

/** One black-box attack (Square or uniform noise, L-inf or L2) run over a batch of images under a budget. */
public final class Probe {

    /** The search method. */
    public enum Method {
        /** AutoAttack's Square attack. */
        SQUARE,
        /** Uniform samples in the ball: the baseline. */
        NOISE
    }

    private final Method method;
    private final AttackSettings settings;

    private Probe(Method method, AttackSettings settings) {
        this.method = method;
        this.settings = settings;
    }

    /** The Square attack with {@code settings}. */
    public static Probe square(AttackSettings settings) {
        return new Probe(Method.SQUARE, settings);
    }

    /** The uniform-noise baseline with {@code settings} (p_init is unused). */
    public static Probe noise(AttackSettings settings) {
        return new Probe(Method.NOISE, settings);
    }

    public Method method() {
        return method;
    }

    public AttackSettings settings() {
        return settings;
    }

    /**
     * Probes {@code images}, numbered from {@code firstIndex} (the number seeds each image's random stream, so a
     * job gives the same result whatever its chunking). One clean pass, then the search; every model call goes
     * through a counter that enforces {@link ProbeControl#maxQueriesPerImage()}. Returns one result per image, in
     * order, or an empty list when the probe was stopped before its clean pass.
     */
    public List<ProbeResult> run(Classifier classifier, List<LabelledImage> images, int firstIndex,
            ProbeControl control, ProgressListener listener) {
        validate(classifier, images);
        if (images.isEmpty() || control.stopReason().isPresent()) {
            return List.of();
        }
        CountingClassifier model = new CountingClassifier(classifier, control.maxQueriesPerImage());
        int[] ids = new int[images.size()];
        List<float[]> pixels = new ArrayList<>(images.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = firstIndex + i;
            pixels.add(images.get(i).pixels());
        }
        List<Scores> clean = model.classify(ids, pixels);
        List<SearchState> states = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            states.add(state(ids[i], images.get(i), clean.get(i)));
        }
        ProgressReporter reporter = new ProgressReporter(listener, states, model);
        reporter.afterStep();
        new BatchedSearch(proposer(classifier.inputShape()), settings, model, control, reporter::afterStep)
                .run(states);
        reporter.finish();
        List<ProbeResult> results = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            results.add(result(states.get(i), clean.get(i), model.used(ids[i])));
        }
        return results;
    }

    private SearchState state(int id, LabelledImage image, Scores clean) {
        int label = image.hasLabel() ? image.label() : clean.predictedClass();
        SearchState state = new SearchState(id, image.pixels(), label, Seeds.forImage(settings.seed(), id),
                clean.margin(label));
        if (clean.predictedClass() != label) {
            state.end(ProbeStatus.CLEAN_MISCLASSIFIED);
        }
        return state;
    }

    private static ProbeResult result(SearchState s, Scores clean, int queries) {
        AdversarialExample adversarial = s.adversarial() == null ? null
                : AdversarialExample.of(s.x, s.adversarial(), s.adversarialScores(), s.label);
        return new ProbeResult(s.id, s.label, clean.predictedClass(), clean.alpha(), clean.margin(s.label),
                s.status(), queries, s.lowestMargin(), adversarial);
    }

    private Proposer proposer(ImageShape shape) {
        if (method == Method.NOISE) {
            return new UniformNoise(settings.norm(), settings.epsilon());
        }
        return settings.norm() == Norm.LINF
                ? new SquareLinf(shape, settings.epsilon(), settings.pInit())
                : new SquareL2(shape, settings.epsilon(), settings.pInit());
    }

    private static void validate(Classifier classifier, List<LabelledImage> images) {
        int size = classifier.inputShape().size();
        for (int i = 0; i < images.size(); i++) {
            LabelledImage image = images.get(i);
            if (image.pixels().length != size) {
                throw new IllegalArgumentException("image " + i + ": expected " + size + " values ("
                        + classifier.inputShape() + "), found " + image.pixels().length);
            }
            if (image.label() >= classifier.numClasses()) {
                throw new IllegalArgumentException("image " + i + ": expected a label below "
                        + classifier.numClasses() + ", found " + image.label());
            }
            for (float v : image.pixels()) {
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException("image " + i + ": expected values in [0, 1], found " + v);
                }
            }
        }
    }
}
