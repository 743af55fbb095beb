package dev.mixguard.api;

import java.util.List;

/** The image fields every JSON body with images has: base64 {@code images} or a float {@code tensor}, not both. */
public interface JsonImages {

    /** Base64 PNG/JPEG images (a {@code data:} URL prefix is allowed), or null. */
    List<String> images();

    /** A float tensor in the model's input layout, or null. */
    TensorInput tensor();
}
