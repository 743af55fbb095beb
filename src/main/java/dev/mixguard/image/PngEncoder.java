package dev.mixguard.image;

import dev.mixguard.model.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Writes model-layout images (flat CHW floats in [0, 1]) and RGB rasters as 8-bit PNG bytes with javax.imageio. */
public final class PngEncoder {

    private PngEncoder() {
    }

    /** A grey (1 channel) or RGB (3 channel) PNG of {@code chw}, each value rounded to the nearest of 256 levels. */
    public static byte[] encode(float[] chw, ImageShape shape) {
        if (chw.length != shape.size()) {
            throw new IllegalArgumentException("expected " + shape.size() + " values for " + shape + ", found "
                    + chw.length);
        }
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("expected 1 or 3 channels, found " + shape.channels());
        }
        int type = shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage image = new BufferedImage(shape.width(), shape.height(), type);
        WritableRaster raster = image.getRaster();
        int plane = shape.height() * shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    raster.setSample(x, y, c, toByte(chw[c * plane + y * shape.width() + x]));
                }
            }
        }
        return write(image);
    }

    /** A PNG of an image built elsewhere (for example a heat map). */
    public static byte[] write(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("expected a PNG writer in javax.imageio, found none");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        }
    }

    /** {@code round(255 v)} with v clamped to [0, 1]. */
    static int toByte(float v) {
        return Math.round(255f * Math.min(1f, Math.max(0f, v)));
    }
}
