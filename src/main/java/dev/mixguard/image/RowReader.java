package dev.mixguard.image;

import dev.mixguard.model.Colour;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Reads one row at a time of a decoded image as floats in [0, 1] in the model's colour mode. It reads the raw
 * samples (8 or 16 bit, grey, RGB or palette), never Java2D's colour-managed conversions, which treat grey
 * as linear and would shift the values the model was trained on. RGB becomes grey with ITU-R 601 luma
 * (0.299 R + 0.587 G + 0.114 B, as PIL's convert("L")); grey becomes RGB by repeating it; alpha is
 * composited over black.
 */
final class RowReader {

    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private final Raster raster;
    private final ColorModel model;
    private final Colour target;
    private final int colourBands;
    private final float[] scale;
    private final int[][] samples;
    private final float[][] palette;

    RowReader(BufferedImage image, Colour target) {
        this.raster = image.getRaster();
        this.model = image.getColorModel();
        this.target = target;
        this.palette = model instanceof IndexColorModel indexed ? palette(indexed) : null;
        this.colourBands = palette != null ? paletteBands() : model.getNumColorComponents();
        if (colourBands != 1 && colourBands != 3) {
            throw new ImageDecodingException("expected a grey or RGB image, found " + colourBands
                    + " colour components");
        }
        int bands = raster.getNumBands();
        this.scale = new float[bands];
        for (int b = 0; b < bands; b++) {
            scale[b] = palette != null ? 1f : 1f / ((1L << model.getComponentSize(b)) - 1);
        }
        this.samples = new int[bands][raster.getWidth()];
    }

    int width() {
        return raster.getWidth();
    }

    int height() {
        return raster.getHeight();
    }

    /** Fills {@code out[c][x]}, one array per target channel, with row {@code y}. */
    void read(int y, float[][] out) {
        int width = raster.getWidth();
        for (int b = 0; b < samples.length; b++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, b, samples[b]);
        }
        float[] rgba = new float[4];
        for (int x = 0; x < width; x++) {
            pixel(x, rgba);
            if (target == Colour.GREY) {
                out[0][x] = colourBands == 1 ? rgba[0] : RED * rgba[0] + GREEN * rgba[1] + BLUE * rgba[2];
            } else {
                out[0][x] = rgba[0];
                out[1][x] = colourBands == 1 ? rgba[0] : rgba[1];
                out[2][x] = colourBands == 1 ? rgba[0] : rgba[2];
            }
        }
    }

    /** Normalised colour of pixel x of the current row, alpha already applied, into rgba[0..colourBands). */
    private void pixel(int x, float[] rgba) {
        if (palette != null) {
            int index = samples[0][x];
            float alpha = palette[3][index];
            for (int c = 0; c < colourBands; c++) {
                rgba[c] = palette[c][index] * alpha;
            }
            return;
        }
        float alpha = model.hasAlpha() && !model.isAlphaPremultiplied()
                ? samples[colourBands][x] * scale[colourBands] : 1f;
        for (int c = 0; c < colourBands; c++) {
            rgba[c] = samples[c][x] * scale[c] * alpha;
        }
    }

    /** The palette as floats: red, green, blue, alpha; grey palettes keep only their red plane in use. */
    private static float[][] palette(IndexColorModel indexed) {
        int size = indexed.getMapSize();
        float[][] planes = new float[4][size];
        for (int i = 0; i < size; i++) {
            planes[0][i] = indexed.getRed(i) / 255f;
            planes[1][i] = indexed.getGreen(i) / 255f;
            planes[2][i] = indexed.getBlue(i) / 255f;
            planes[3][i] = indexed.getAlpha(i) / 255f;
        }
        return planes;
    }

    /** 1 when every palette entry is grey (red = green = blue), else 3. */
    private int paletteBands() {
        for (int i = 0; i < palette[0].length; i++) {
            if (palette[0][i] != palette[1][i] || palette[1][i] != palette[2][i]) {
                return 3;
            }
        }
        return 1;
    }
}
