package dev.mixguard.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG bytes with javax.imageio. The pixel count declared in the header is checked against the
 * limit before any pixel data is decoded, so a small file cannot expand into a huge image.
 */
public final class ImageDecoder {

    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private final long maxPixels;

    /** A decoder refusing images whose width x height exceeds {@code maxPixels}. */
    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Decodes the first image in {@code bytes}. */
    public BufferedImage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ImageDecodingException("expected a PNG or JPEG image, found an empty body");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, bytes);
            try {
                reader.setInput(in, true, true);
                checkSize(reader.getWidth(0), reader.getHeight(0));
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageTooLargeException | ImageDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodingException("expected a decodable PNG or JPEG image, found corrupt data: "
                    + e.getMessage(), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in, byte[] bytes) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageDecodingException("expected a PNG or JPEG image, found unrecognised data starting "
                    + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(8, bytes.length)));
        }
        ImageReader reader = readers.next();
        String format = formatOf(reader);
        if (!FORMATS.contains(format)) {
            reader.dispose();
            throw new ImageDecodingException("expected a PNG or JPEG image, found " + format.toUpperCase(Locale.ROOT));
        }
        return reader;
    }

    private static String formatOf(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "an unknown format";
        }
    }

    private void checkSize(int width, int height) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageTooLargeException("expected at most " + maxPixels + " decoded pixels (mixguard.limits"
                    + ".max-pixels), found " + width + "x" + height + " = " + pixels);
        }
    }
}
