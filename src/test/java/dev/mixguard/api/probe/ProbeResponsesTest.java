package dev.mixguard.api.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.model.ModelSpec;
import dev.mixguard.probe.AttackSettings;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.Certificate;
import dev.mixguard.probe.LabelledImage;
import dev.mixguard.probe.LinearClassifier;
import dev.mixguard.probe.Norm;
import dev.mixguard.probe.Probe;
import dev.mixguard.probe.ProbeControl;
import dev.mixguard.probe.ProbeResult;
import dev.mixguard.probe.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Probe answers built from real probe runs on a fake whose adversarial distance is known. */
class ProbeResponsesTest {

    private static final ModelSpec SPEC = FakeModel.spec();
    private static final LinearClassifier MODEL = FakeModel.brightness(0.45);
    private static final float[] CLEAN = FakeModel.grey(0.4f);

    @Test
    void aFoundExampleLiesInTheBallAndComesAsDecodablePngsAndTheExactTensor() throws IOException {
        double eps = 0.1;
        ProbeResponse response = probe(eps, 500);
        assertTrue(response.found(), response.interpretation());
        assertEquals("found", response.status());
        assertTrue(response.interpretation().startsWith("adversarial example found in " + response.queriesUsed()
                + " queries: inside the L-inf ball of radius 0.1 the prediction changes from \"dark\" to \"bright\""),
                response.interpretation());
        ProbeResponse.Perturbation p = response.perturbation();
        assertTrue(p.linf() <= eps + 1e-6, "L-inf " + p.linf());
        assertTrue(p.l2() > 0);
        assertEquals(eps, p.heatMapScale(), 0, "an L-inf heat map is scaled to epsilon");
        BufferedImage png = decode(p.adversarialPng());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        assertEquals(Math.round(255 * p.adversarialTensor().data()[0]), png.getRaster().getSample(0, 0, 0));
        assertEquals(28, decode(p.heatMapPng()).getWidth());
        assertEquals(List.of(1, 1, 28, 28), p.adversarialTensor().shape());
        float[] tensor = p.adversarialTensor().data();
        assertEquals(1, MODEL.classify(List.of(tensor)).get(0).predictedClass(), "the tensor is the example");
        assertEquals(1, response.adversarial().classIndex());
        assertTrue(response.adversarial().margin() <= 0);
        assertEquals(0, response.clean().classIndex());
    }

    @Test
    void nothingFoundIsWordedAsAnUpperBound() {
        ProbeResponse response = probe(0.01, 30);
        assertFalse(response.found());
        assertEquals("not_found", response.status());
        assertNull(response.adversarial());
        assertNull(response.perturbation());
        assertEquals(32, response.queriesUsed());
        assertTrue(response.interpretation().startsWith("no adversarial example found in 32 queries: an upper "
                + "bound on robustness, not a proof"), response.interpretation());
    }

    @Test
    void theCertificateIsTheMarginConditionAtAlphaLow() {
        ProbeResponse.CertificateCheck check = probe(0.01, 1).certificate();
        assertEquals(0.6f, check.alphaLow());
        assertEquals((1 - 0.6f) / 0.6f, check.threshold(), 1e-6f);
        assertEquals(check.margin() > check.threshold(), check.holds());
        assertNull(check.lipschitzRadius(), "the fake's spec declares no Lipschitz constant");
    }

    private static ProbeResponse probe(double eps, int queries) {
        AttackSettings settings = new AttackSettings(Norm.LINF, eps, queries, 1, 0.8, 5);
        ResolvedAttack attack = new ResolvedAttack(Probe.square(settings), null);
        ProbeControl control = ProbeControl.start(attack.budget(Duration.ofMinutes(1)), new CancellationToken());
        ProbeResult result = attack.probe().certifying(Certificate.Basis.of(SPEC, 0.6f))
                .run(MODEL, List.of(LabelledImage.unlabelled(CLEAN)), 0, control, ProgressListener.NONE).get(0);
        return ProbeResponses.of(SPEC, "cpu", attack, CLEAN, result, 1_000_000);
    }

    private static BufferedImage decode(String base64) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertNotNull(image);
        return image;
    }
}
