package dev.mixguard.api.probe;

import dev.mixguard.api.JsonImages;
import dev.mixguard.api.TensorInput;
import java.util.List;

/**
 * JSON body of a probe: one image as {@code images} (a list of one base64 PNG/JPEG) or {@code tensor} (shape
 * [1, C, H, W]), as for classify, plus the attack parameters as optional fields.
 */
public record ProbeRequest(List<String> images, TensorInput tensor, String attack, String norm, Double epsilon,
        Integer queries, Integer restarts, Long seed, Double pInit, Integer label) implements JsonImages {

    /** The attack fields of the body. */
    AttackRequest parameters() {
        return new AttackRequest(attack, norm, epsilon, queries, restarts, seed, pInit, label);
    }
}
