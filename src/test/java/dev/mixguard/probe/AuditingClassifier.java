package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mixguard.model.Classifier;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.Scores;
import java.util.List;

/**
 * Wraps a classifier and checks every query: inside [0, 1] and within eps (in the norm) of one of the clean images,
 * whose balls must be disjoint. Counts model calls and queries per clean image, and can run a hook on a call.
 */
final class AuditingClassifier implements Classifier {

    /** Slack for float rounding when comparing a distance to eps. */
    static final double TOLERANCE = 1e-5;

    private final Classifier delegate;
    private final List<float[]> originals;
    private final Norm norm;
    private final double eps;
    private final int[] queriesPerImage;
    private int calls;
    private int hookCall = -1;
    private Runnable hook = () -> { };

    AuditingClassifier(Classifier delegate, List<float[]> originals, Norm norm, double eps) {
        this.delegate = delegate;
        this.originals = originals;
        this.norm = norm;
        this.eps = eps;
        this.queriesPerImage = new int[originals.size()];
    }

    /** Runs {@code action} during the {@code call}-th model call (1-based), before it returns. */
    AuditingClassifier onCall(int call, Runnable action) {
        this.hookCall = call;
        this.hook = action;
        return this;
    }

    int calls() {
        return calls;
    }

    int queries(int image) {
        return queriesPerImage[image];
    }

    @Override
    public ImageShape inputShape() {
        return delegate.inputShape();
    }

    @Override
    public int numClasses() {
        return delegate.numClasses();
    }

    @Override
    public List<Scores> classify(List<float[]> images) {
        calls++;
        for (float[] image : images) {
            for (float v : image) {
                assertTrue(v >= 0f && v <= 1f, "query value outside [0, 1]: " + v);
            }
            queriesPerImage[owner(image)]++;
        }
        if (calls == hookCall) {
            hook.run();
        }
        return delegate.classify(images);
    }

    private int owner(float[] image) {
        for (int i = 0; i < originals.size(); i++) {
            if (norm.distance(originals.get(i), image) <= eps + TOLERANCE) {
                return i;
            }
        }
        return fail("query outside every eps-ball (" + norm + ", eps " + eps + ")");
    }
}
