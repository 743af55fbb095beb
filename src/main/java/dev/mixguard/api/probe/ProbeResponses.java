package dev.mixguard.api.probe;

import dev.mixguard.api.TensorInput;
import dev.mixguard.image.HeatMap;
import dev.mixguard.image.PngEncoder;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.MarginCertificate;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.probe.AdversarialExample;
import dev.mixguard.probe.Certificate;
import dev.mixguard.probe.Norm;
import dev.mixguard.probe.ProbeResult;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Builds a {@link ProbeResponse} from one image's probe result, its certificate and the attack that ran. */
final class ProbeResponses {

    private ProbeResponses() {
    }

    /** The answer for result {@code r} of probing {@code clean} on a model with {@code spec} on {@code provider}. */
    static ProbeResponse of(ModelSpec spec, String provider, ResolvedAttack attack, float[] clean, ProbeResult r,
            long probeNanos) {
        ResolvedAttack.View view = attack.view();
        AdversarialExample a = r.adversarial();
        return new ProbeResponse(spec.name(), spec.version(), provider, view, r.found(),
                r.status().name().toLowerCase(Locale.ROOT), ProbeWording.of(r, view, spec),
                new ProbeResponse.Outcome(r.label(), spec.label(r.label()), null, null),
                new ProbeResponse.Outcome(r.cleanClass(), spec.label(r.cleanClass()), r.cleanAlpha(), r.cleanMargin()),
                a == null ? null : new ProbeResponse.Outcome(a.predictedClass(), spec.label(a.predictedClass()),
                        a.alpha(), a.margin()),
                r.queries(), r.bestMargin(),
                a == null ? null : perturbation(clean, a, spec.input().shape(), attack),
                r.certificate() == null ? null : check(r.certificate()), probeNanos / 1e6);
    }

    private static ProbeResponse.Perturbation perturbation(float[] clean, AdversarialExample a, ImageShape shape,
            ResolvedAttack attack) {
        double scale = attack.settings().norm() == Norm.LINF ? attack.settings().epsilon()
                : Math.max(Norm.LINF.distance(clean, a.image()), Double.MIN_NORMAL);
        Base64.Encoder base64 = Base64.getEncoder();
        return new ProbeResponse.Perturbation(a.linf(), a.l2(),
                base64.encodeToString(PngEncoder.encode(a.image(), shape)),
                base64.encodeToString(HeatMap.png(clean, a.image(), shape, scale)), scale,
                new TensorInput(List.of(1, shape.channels(), shape.height(), shape.width()), a.image()));
    }

    private static ProbeResponse.CertificateCheck check(Certificate c) {
        MarginCertificate m = c.margin();
        return new ProbeResponse.CertificateCheck(m.alphaLow(), m.margin(), m.threshold(), m.holds(),
                c.lipschitzRadius().isPresent() ? c.lipschitzRadius().getAsDouble() : null);
    }
}
