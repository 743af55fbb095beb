package dev.mixguard.image;

/** Bytes that are not a PNG or JPEG image this service can decode; the message says what was found. */
public class ImageDecodingException extends RuntimeException {

    public ImageDecodingException(String message) {
        super(message);
    }

    public ImageDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
