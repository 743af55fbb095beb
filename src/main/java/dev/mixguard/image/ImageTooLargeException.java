package dev.mixguard.image;

/** An image whose header declares more pixels than the configured limit; refused before decoding. */
public class ImageTooLargeException extends RuntimeException {

    public ImageTooLargeException(String message) {
        super(message);
    }
}
