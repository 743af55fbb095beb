package dev.mixguard.support;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Builds test images in memory and encodes them as PNG or JPEG with javax.imageio. */
public final class Images {

    private Images() {
    }

    /** An 8-bit grey image whose pixel (x, y) is {@code value.at(x, y)} in 0..255. */
    public static BufferedImage grey(int width, int height, Pixel value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, value.at(x, y));
            }
        }
        return image;
    }

    /** An 8-bit grey image from row-major unsigned bytes. */
    public static BufferedImage grey(int width, int height, byte[] pixels) {
        return grey(width, height, (x, y) -> pixels[y * width + x] & 0xff);
    }

    /** A 16-bit grey image whose samples are {@code value.at(x, y)} in 0..65535. */
    public static BufferedImage grey16(int width, int height, Pixel value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value.at(x, y));
            }
        }
        return image;
    }

    /** An RGB (or ARGB when {@code alpha}) image filled with one colour. */
    public static BufferedImage solid(int width, int height, int argb, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    /** A palette image with the given RGB palette entries; pixel (x, y) uses entry {@code index.at(x, y)}. */
    public static BufferedImage palette(int width, int height, int[] rgbEntries, Pixel index) {
        IndexColorModel model = new IndexColorModel(8, rgbEntries.length, rgbEntries, 0, false, -1, 0);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, index.at(x, y));
            }
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png", false);
    }

    /** A GIF, a format ImageIO reads but the service refuses. */
    public static byte[] gif(BufferedImage image) {
        return encode(image, "gif", false);
    }

    public static byte[] jpeg(BufferedImage image, boolean progressive) {
        return encode(image, "jpeg", progressive);
    }

    private static byte[] encode(BufferedImage image, String format, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            if ("jpeg".equals(format)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.95f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Decodes an 8-bit grey PNG and returns its pixels divided by 255, row-major. */
    public static float[] greyValues(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[] samples = image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0,
                    (int[]) null);
            float[] values = new float[samples.length];
            for (int i = 0; i < samples.length; i++) {
                values[i] = samples[i] / 255f;
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Re-encodes a PNG as a baseline JPEG. */
    public static byte[] pngToJpeg(byte[] png) {
        try {
            return jpeg(ImageIO.read(new ByteArrayInputStream(png)), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pixel value function. */
    @FunctionalInterface
    public interface Pixel {
        int at(int x, int y);
    }
}
