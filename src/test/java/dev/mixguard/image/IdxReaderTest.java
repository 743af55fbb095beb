package dev.mixguard.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.model.ImageShape;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Idx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled probe set reads as model inputs in [0, 1]; malformed files are refused saying what is wrong. */
class IdxReaderTest {

    private static final Path IMAGES = BundledModel.FOLDER.resolve("probe-images.idx");
    private static final Path LABELS = BundledModel.FOLDER.resolve("probe-labels.idx");
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);

    @Test
    void theProbeSetReadsAsTheTestReaderSeesIt() throws IOException {
        Idx.Images expected = Idx.images(IMAGES);
        assertEquals(expected.count(), IdxReader.count(IMAGES));
        List<float[]> images = IdxReader.images(IMAGES, SHAPE, 3);
        assertEquals(3, images.size());
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < SHAPE.size(); k++) {
                assertEquals((expected.pixels()[i][k] & 0xff) / 255f, images.get(i)[k], "image " + i + " value " + k);
            }
        }
        int[] labels = Idx.labels(LABELS);
        assertArrayEquals(new int[] {labels[0], labels[1], labels[2]}, IdxReader.labels(LABELS, 3));
    }

    @Test
    void badFilesAndRequestsAreRefused(@TempDir Path dir) throws IOException {
        IllegalArgumentException geometry = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.images(IMAGES, new ImageShape(1, 32, 32), 1));
        assertTrue(geometry.getMessage().endsWith("expected images of ImageShape[channels=1, height=32, width=32], "
                + "found 1 channel of 28x28"), geometry.getMessage());
        IllegalArgumentException magic = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.labels(IMAGES, 1));
        assertTrue(magic.getMessage().endsWith("expected IDX magic 0x801, found 0x803"), magic.getMessage());
        Path truncated = dir.resolve("short.idx");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(LABELS), 20));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.labels(truncated, 1));
        assertTrue(length.getMessage().contains("expected " + IdxReader.count(LABELS) + " data bytes"),
                length.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.labels(LABELS, IdxReader.count(LABELS) + 1));
        assertTrue(tooMany.getMessage().contains("expected to read 0 to " + IdxReader.count(LABELS) + " items"));
    }
}
