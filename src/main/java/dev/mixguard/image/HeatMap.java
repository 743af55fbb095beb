package dev.mixguard.image;

import dev.mixguard.model.ImageShape;
import java.awt.image.BufferedImage;

/**
 * Draws a perturbation as an RGB heat map: per pixel the largest |delta| over channels, divided by a scale, through
 * a black-red-yellow-white colour ramp (0 black, 1 white).
 */
public final class HeatMap {

    /** Ramp stops from 0 to 1, evenly spaced: black, dark red, orange-red, yellow, white. */
    private static final int[][] STOPS = {{0, 0, 0}, {128, 0, 0}, {230, 60, 0}, {255, 210, 0}, {255, 255, 255}};

    private HeatMap() {
    }

    /** The heat map of {@code adversarial - clean} with |delta| = {@code scale} drawn white; PNG bytes. */
    public static byte[] png(float[] clean, float[] adversarial, ImageShape shape, double scale) {
        if (clean.length != shape.size() || adversarial.length != shape.size()) {
            throw new IllegalArgumentException("expected two images of " + shape.size() + " values, found "
                    + clean.length + " and " + adversarial.length);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("expected a positive finite scale, found " + scale);
        }
        int plane = shape.height() * shape.width();
        BufferedImage image = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < plane; p++) {
            double largest = 0;
            for (int c = 0; c < shape.channels(); c++) {
                int i = c * plane + p;
                largest = Math.max(largest, Math.abs((double) adversarial[i] - clean[i]));
            }
            image.setRGB(p % shape.width(), p / shape.width(), colour(largest / scale));
        }
        return PngEncoder.write(image);
    }

    /** The ramp's colour at {@code t} (clamped to [0, 1]) as 0xRRGGBB. */
    static int colour(double t) {
        double position = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
        int low = Math.min((int) position, STOPS.length - 2);
        double f = position - low;
        int rgb = 0;
        for (int k = 0; k < 3; k++) {
            int value = (int) Math.round(STOPS[low][k] + f * (STOPS[low + 1][k] - STOPS[low][k]));
            rgb = (rgb << 8) | value;
        }
        return rgb;
    }
}
