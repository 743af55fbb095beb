package dev.mixguard.api;

import java.util.List;

/** A request's images as its body carried them, read but not decoded: encoded PNG/JPEG images, or a float tensor. */
public sealed interface ImageInput {

    /** PNG or JPEG images, from a raw body, multipart parts or base64 strings. */
    record Encoded(List<EncodedImage> images) implements ImageInput {
    }

    /** A float tensor already in the model's layout. */
    record Tensor(TensorInput tensor) implements ImageInput {
    }
}
