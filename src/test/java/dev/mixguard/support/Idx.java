package dev.mixguard.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads uint8 IDX files (the MNIST format): big-endian magic 0x00000801 (labels) or 0x00000803 (images). */
public final class Idx {

    private Idx() {
    }

    /** Images of an IDX3 file as [count][rows * cols] unsigned bytes, plus their geometry. */
    public record Images(int count, int rows, int cols, byte[][] pixels) {
    }

    public static Images images(Path file) {
        try (DataInputStream in = open(file, 0x00000803)) {
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[][] pixels = new byte[count][rows * cols];
            for (byte[] image : pixels) {
                in.readFully(image);
            }
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] labels(Path file) {
        try (DataInputStream in = open(file, 0x00000801)) {
            int[] labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataInputStream open(Path file, int magic) throws IOException {
        InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        int found = in.readInt();
        if (found != magic) {
            in.close();
            throw new IOException(file + ": expected IDX magic " + Integer.toHexString(magic) + ", found "
                    + Integer.toHexString(found));
        }
        return in;
    }
}
