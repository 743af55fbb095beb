package dev.mixguard.api.classify;

import dev.mixguard.api.JsonImages;
import dev.mixguard.api.TensorInput;
import java.util.List;

/**
 * JSON body of a classify request: either {@code images}, base64 PNG/JPEG strings (a {@code data:} URL prefix
 * is allowed), or {@code tensor}, a float tensor already in the model's input layout.
 */
public record ClassifyRequest(List<String> images, TensorInput tensor) implements JsonImages {
}
