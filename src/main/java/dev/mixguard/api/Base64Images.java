package dev.mixguard.api;

import dev.mixguard.image.ImageDecodingException;
import java.util.Base64;

/** Decodes the base64 images of a JSON request, accepting an optional {@code data:image/...;base64,} prefix. */
final class Base64Images {

    private Base64Images() {
    }

    /** The bytes of one base64 image; {@code origin} names it in error messages. */
    static byte[] decode(String origin, String text) {
        if (text == null) {
            throw new ImageDecodingException(origin + ": expected a base64 string, found null");
        }
        String payload = text;
        if (text.startsWith("data:")) {
            int comma = text.indexOf(',');
            if (comma < 0 || !text.substring(0, comma).endsWith(";base64")) {
                throw new ImageDecodingException(origin + ": expected a data URL ending in \";base64,\", found \""
                        + text.substring(0, Math.min(40, text.length())) + "\"");
            }
            payload = text.substring(comma + 1);
        }
        try {
            return Base64.getDecoder().decode(payload.strip());
        } catch (IllegalArgumentException e) {
            throw new ImageDecodingException(origin + ": expected base64, found invalid text: " + e.getMessage());
        }
    }
}
