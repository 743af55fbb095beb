package dev.mixguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CountingClassifierTest {

    private static final List<float[]> IMAGES = Fixtures.images(Fixtures.SHAPE, 2);
    private static final LinearClassifier MODEL = LinearClassifier.atDistance(Fixtures.SHAPE,
            LinearClassifier.blockWeights(Fixtures.SHAPE), IMAGES.get(0), Norm.LINF, 0.05);

    @Test
    void chargesOneQueryPerImagePerCall() {
        CountingClassifier counter = new CountingClassifier(MODEL, 5);

        counter.classify(new int[] {4, 9}, IMAGES);
        counter.classify(new int[] {9}, IMAGES.subList(0, 1));

        assertEquals(1, counter.used(4));
        assertEquals(2, counter.used(9));
        assertEquals(3, counter.remaining(9));
        assertEquals(3, counter.totalQueries());
        assertEquals(2, counter.calls());
    }

    @Test
    void refusesABatchThatWouldTakeAnImagePastItsCapWithoutCallingTheModel() {
        AuditingClassifier audit = new AuditingClassifier(MODEL, IMAGES, Norm.LINF, 0.0);
        CountingClassifier counter = new CountingClassifier(audit, 1);
        counter.classify(new int[] {0}, IMAGES.subList(0, 1));

        assertThrows(IllegalStateException.class, () -> counter.classify(new int[] {1, 0}, IMAGES));
        assertEquals(1, audit.calls());
        assertEquals(0, counter.used(1), "nothing charged for a refused batch");
    }
}
