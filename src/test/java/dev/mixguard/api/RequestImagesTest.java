package dev.mixguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.config.LimitsConfig;
import dev.mixguard.support.Leaks;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An uploaded part the server cannot read back is the server's fault, told without the upload's path or type. */
class RequestImagesTest {

    private static final LimitsConfig LIMITS = new LimitsConfig() {
        @Override
        public long maxPixels() {
            return 4_194_304;
        }

        @Override
        public int maxBatch() {
            return 64;
        }
    };

    @Test
    void anUnreadableUploadIsAnInternalErrorNamingThePartInWords() {
        String upload = Path.of(System.getProperty("java.io.tmpdir"), "uploads", "part-1").toAbsolutePath().toString();
        EncodedImage image = new EncodedImage("image 0 (\"a.png\")", () -> {
            throw new AccessDeniedException(upload);
        });
        // the model is never reached: reading the part fails first
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new RequestImages(LIMITS).decode(null, List.of(image)));
        assertEquals("image 0 (\"a.png\"): expected the uploaded part readable on the server, found it unreadable: "
                + "permission denied", e.getMessage());
        Leaks.assertNone("the message", e.getMessage());
    }
}
