package dev.mixguard.image;

import dev.mixguard.model.ImageShape;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads uint8 IDX files (the MNIST format, big-endian): images (magic 0x803, count x rows x cols) as model inputs
 * scaled to [0, 1], and labels (magic 0x801).
 */
public final class IdxReader {

    private static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_MAGIC = 0x00000803;

    private IdxReader() {
    }

    /** The first {@code first} images of {@code file}, each flat CHW (one channel) divided by 255. */
    public static List<float[]> images(Path file, ImageShape shape, int first) throws IOException {
        ByteBuffer in = open(file, IMAGES_MAGIC, 16);
        int count = in.getInt();
        int rows = in.getInt();
        int cols = in.getInt();
        if (shape.channels() != 1 || rows != shape.height() || cols != shape.width()) {
            throw new IllegalArgumentException(file + ": expected images of " + shape + ", found 1 channel of "
                    + rows + "x" + cols);
        }
        checkLength(file, in, (long) count * rows * cols, count + " images of " + rows + "x" + cols);
        checkFirst(file, first, count);
        List<float[]> images = new ArrayList<>(first);
        for (int i = 0; i < first; i++) {
            float[] image = new float[rows * cols];
            for (int k = 0; k < image.length; k++) {
                image[k] = Byte.toUnsignedInt(in.get()) / 255f;
            }
            images.add(image);
        }
        return images;
    }

    /** The first {@code first} labels of {@code file}. */
    public static int[] labels(Path file, int first) throws IOException {
        ByteBuffer in = open(file, LABELS_MAGIC, 8);
        int count = in.getInt();
        checkLength(file, in, count, count + " labels");
        checkFirst(file, first, count);
        int[] labels = new int[first];
        for (int i = 0; i < first; i++) {
            labels[i] = Byte.toUnsignedInt(in.get());
        }
        return labels;
    }

    /** Number of items the header of {@code file} declares (read without loading the data). */
    public static int count(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.readInt();
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": expected an IDX header of 8 bytes, found fewer", e);
        }
    }

    private static ByteBuffer open(Path file, int magic, int headerBytes) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < headerBytes) {
            throw new IllegalArgumentException(file + ": expected an IDX header of " + headerBytes
                    + " bytes, found " + in.remaining());
        }
        int found = in.getInt();
        if (found != magic) {
            throw new IllegalArgumentException(file + ": expected IDX magic 0x" + Integer.toHexString(magic)
                    + ", found 0x" + Integer.toHexString(found));
        }
        return in;
    }

    private static void checkLength(Path file, ByteBuffer in, long expected, String what) {
        if (in.remaining() != expected) {
            throw new IllegalArgumentException(file + ": expected " + expected + " data bytes for " + what
                    + ", found " + in.remaining());
        }
    }

    private static void checkFirst(Path file, int first, int count) {
        if (first < 0 || first > count) {
            throw new IllegalArgumentException(file + ": expected to read 0 to " + count + " items, found a request"
                    + " for " + first);
        }
    }
}
