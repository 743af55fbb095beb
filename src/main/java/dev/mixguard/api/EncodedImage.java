package dev.mixguard.api;

import java.io.IOException;

/** One encoded image of a request, read lazily off the event loop, and where it came from for messages. */
public record EncodedImage(String origin, Source source) {

    /** Supplies the encoded bytes; may do blocking I/O. */
    @FunctionalInterface
    public interface Source {

        byte[] read() throws IOException;
    }
}
