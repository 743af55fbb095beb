package dev.mixguard.api.classify;

import dev.mixguard.inference.ModelState;
import java.util.Locale;

/** One entry of GET /v1/models: name, status, and the provider when ready or the reason when failed. */
public record ModelSummary(String name, String version, String status, String provider, String error) {

    static ModelSummary of(ModelState state) {
        String status = state.status().name().toLowerCase(Locale.ROOT);
        if (state.model() == null) {
            return new ModelSummary(state.name(), null, status, null, state.reason());
        }
        return new ModelSummary(state.name(), state.model().spec().version(), status,
                state.model().provider().id(), null);
    }
}
