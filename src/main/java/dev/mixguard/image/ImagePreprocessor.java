package dev.mixguard.image;

import dev.mixguard.model.Colour;
import dev.mixguard.model.ImageShape;
import java.awt.image.BufferedImage;

/**
 * Turns encoded image bytes into a model input: decode (with the pixel limit), convert to the model's colour
 * mode, resize to its height and width with {@link Resampler}'s triangle filter, and lay out as flat CHW
 * floats in [0, 1]. Works row by row, so memory beyond the decoded image stays small.
 */
public final class ImagePreprocessor {

    private final ImageDecoder decoder;

    /** A preprocessor refusing images whose header declares more than {@code maxPixels} pixels. */
    public ImagePreprocessor(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
    }

    /** Decodes and converts one image. */
    public float[] prepare(byte[] encoded, ImageShape shape, Colour colour) {
        return toTensor(decoder.decode(encoded), shape, colour);
    }

    /** Converts a decoded image. */
    public static float[] toTensor(BufferedImage image, ImageShape shape, Colour colour) {
        if (shape.channels() != colour.channels()) {
            throw new IllegalArgumentException("expected " + colour.channels() + " channel(s) for " + colour.id()
                    + ", found " + shape.channels());
        }
        RowReader rows = new RowReader(image, colour);
        int channels = shape.channels();
        int outW = shape.width();
        int outH = shape.height();
        Resampler across = new Resampler(rows.width(), outW);
        Resampler down = new Resampler(rows.height(), outH);
        float[][] row = new float[channels][rows.width()];
        float[] narrow = new float[channels * rows.height() * outW];
        for (int y = 0; y < rows.height(); y++) {
            rows.read(y, row);
            for (int c = 0; c < channels; c++) {
                int base = (c * rows.height() + y) * outW;
                for (int x = 0; x < outW; x++) {
                    narrow[base + x] = across.sample(row[c], 0, 1, x);
                }
            }
        }
        float[] out = new float[shape.size()];
        for (int c = 0; c < channels; c++) {
            int offset = c * rows.height() * outW;
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    float value = down.sample(narrow, offset + x, outW, y);
                    out[(c * outH + y) * outW + x] = Math.min(1f, Math.max(0f, value));
                }
            }
        }
        return out;
    }
}
