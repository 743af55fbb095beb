package dev.mixguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.model.ImageShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Model-layout images written as PNG decode back to the same pixels, rounded to 8 bits. */
class PngEncoderTest {

    @Test
    void greyImagesRoundTripTo8Bits() throws IOException {
        ImageShape shape = new ImageShape(1, 3, 4);
        float[] chw = new float[shape.size()];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = i / 11f;
        }
        BufferedImage image = read(PngEncoder.encode(chw, shape));
        assertEquals(4, image.getWidth());
        assertEquals(3, image.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        for (int i = 0; i < chw.length; i++) {
            assertEquals(Math.round(255 * chw[i]), image.getRaster().getSample(i % 4, i / 4, 0), "pixel " + i);
        }
    }

    @Test
    void rgbImagesKeepTheirChannels() throws IOException {
        ImageShape shape = new ImageShape(3, 1, 2);
        float[] chw = {1f, 0f, 0f, 1f, 0.5f, 0.25f};
        BufferedImage image = read(PngEncoder.encode(chw, shape));
        assertEquals(0xFF0080, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF40, image.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void aWrongSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngEncoder.encode(new float[5], new ImageShape(1, 2, 2)));
        assertEquals("expected 4 values for ImageShape[channels=1, height=2, width=2], found 5", e.getMessage());
    }

    @Test
    void theHeatMapRampGoesFromBlackToWhite() throws IOException {
        assertEquals(0x000000, HeatMap.colour(0));
        assertEquals(0xFFFFFF, HeatMap.colour(1));
        assertEquals(0xFFFFFF, HeatMap.colour(7), "values past the scale are clamped");
        ImageShape shape = new ImageShape(1, 1, 2);
        BufferedImage map = read(HeatMap.png(new float[] {0.5f, 0.5f}, new float[] {0.5f, 0.6f}, shape, 0.1));
        assertEquals(0x000000, map.getRGB(0, 0) & 0xFFFFFF, "no change is black");
        assertEquals(0xFFFFFF, map.getRGB(1, 0) & 0xFFFFFF, "a change of the full scale is white");
    }

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
