package dev.mixguard.api.classify;

import dev.mixguard.inference.LoadedModel;
import dev.mixguard.inference.ParityReport;
import dev.mixguard.inference.SkippedProvider;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import dev.mixguard.model.ThreatModel;
import java.util.List;
import java.util.Map;

/**
 * GET /v1/models/{name}: a ready model's spec, geometry, knobs, provider, engine self-check and model card.
 *
 * @param selfCheck the parity vectors' largest errors on the provider; null when the folder holds no parity.json
 */
public record ModelInfo(
        String name,
        String version,
        String status,
        List<String> labels,
        Input input,
        List<String> outputs,
        Knobs knobs,
        Knobs specKnobs,
        boolean requestOverrides,
        float gammaScale,
        float stdScale,
        float robScale,
        ThreatModel threatModel,
        Double lipschitz,
        String provider,
        List<SkippedProvider> skippedProviders,
        ParityReport selfCheck,
        Map<String, Object> card,
        Map<String, Object> provenance) {

    /** The image input: tensor name, shape with -1 for the batch dimension, and colour mode. */
    public record Input(String name, List<Integer> shape, String colour) {
    }

    static ModelInfo of(LoadedModel model, boolean requestOverrides) {
        ModelSpec spec = model.spec();
        var in = spec.input();
        return new ModelInfo(spec.name(), spec.version(), "ready", spec.labels(),
                new Input(in.name(), List.of(-1, in.channels(), in.height(), in.width()), in.colour().id()),
                spec.outputs(), model.defaultKnobs(), spec.knobs(), requestOverrides, spec.gammaScale(),
                spec.stdScale(), spec.robScale(), spec.threatModel(), spec.lipschitz(), model.provider().id(),
                model.skippedProviders(), model.selfCheck().orElse(null), spec.card(), spec.provenance());
    }
}
