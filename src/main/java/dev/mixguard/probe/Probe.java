package dev.mixguard.probe;

import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.List;

/**
 * One black-box attack (Square or uniform noise, L-inf or L2) run over a batch of images under a budget, optionally
 * evaluating each clean image's certificate from the same clean pass.
 */
public final class Probe {

    private final AttackKind kind;
    private final AttackSettings settings;
    private final Certificate.Basis certificate;

    private Probe(AttackKind kind, AttackSettings settings, Certificate.Basis certificate) {
        this.kind = kind;
        this.settings = settings;
        this.certificate = certificate;
    }

    /** The search {@code kind} with {@code settings}. */
    public static Probe of(AttackKind kind, AttackSettings settings) {
        return new Probe(kind, settings, null);
    }

    /** The Square attack with {@code settings}. */
    public static Probe square(AttackSettings settings) {
        return of(AttackKind.SQUARE, settings);
    }

    /** The uniform-noise baseline with {@code settings} (p_init is unused). */
    public static Probe noise(AttackSettings settings) {
        return of(AttackKind.NOISE, settings);
    }

    /** This probe, also evaluating each clean image's certificate on {@code basis} from its clean pass. */
    public Probe certifying(Certificate.Basis basis) {
        return new Probe(kind, settings, basis);
    }

    public AttackKind kind() {
        return kind;
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
        new BatchedSearch(kind.proposer(classifier.inputShape(), settings), settings, model, control, reporter::afterStep)
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

    private ProbeResult result(SearchState s, Scores clean, int queries) {
        AdversarialExample adversarial = s.adversarial() == null ? null
                : AdversarialExample.of(s.x, s.adversarial(), s.adversarialScores(), s.label);
        return new ProbeResult(s.id, s.label, clean.predictedClass(), clean.alpha(), clean.margin(s.label),
                s.status(), queries, s.lowestMargin(), adversarial,
                certificate == null ? null : Certificate.of(clean, certificate));
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
