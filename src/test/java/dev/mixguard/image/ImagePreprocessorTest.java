package dev.mixguard.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.model.Colour;
import dev.mixguard.model.ImageShape;
import dev.mixguard.support.Images;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Decoding every PNG/JPEG variant into the model's colour mode, size and [0, 1] range. */
class ImagePreprocessorTest {

    private static final ImageShape GREY_28 = new ImageShape(1, 28, 28);
    private static final ImageShape RGB_4 = new ImageShape(3, 4, 4);

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(1 << 22);

    @Test
    void greyPngKeepsEveryPixelValueDividedBy255() {
        byte[] png = Images.png(Images.grey(28, 28, (x, y) -> (x * 9 + y) % 256));
        float[] tensor = preprocessor.prepare(png, GREY_28, Colour.GREY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(((x * 9 + y) % 256) / 255f, tensor[y * 28 + x], 1e-7f, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void sixteenBitGreyPngIsScaledByItsFullRange() {
        byte[] png = Images.png(Images.grey16(28, 28, (x, y) -> x * 2000 + y));
        float[] tensor = preprocessor.prepare(png, GREY_28, Colour.GREY);
        assertEquals(0f, tensor[0], 1e-7f);
        assertEquals((27 * 2000 + 5) / 65535f, tensor[5 * 28 + 27], 1e-6f);
    }

    @Test
    void rgbPngBecomesGreyWithItu601Luma() {
        byte[] png = Images.png(Images.solid(28, 28, 0xFF_C8_64_32, false));
        float[] tensor = preprocessor.prepare(png, GREY_28, Colour.GREY);
        float luma = (0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255f;
        assertAllClose(luma, tensor, 1e-6f);
    }

    @Test
    void rgbPngForAnRgbModelIsLaidOutChannelFirst() {
        byte[] png = Images.png(Images.solid(4, 4, 0xFF_FF_80_00, false));
        float[] tensor = preprocessor.prepare(png, RGB_4, Colour.RGB);
        for (int i = 0; i < 16; i++) {
            assertEquals(1f, tensor[i], 1e-7f);
            assertEquals(128 / 255f, tensor[16 + i], 1e-7f);
            assertEquals(0f, tensor[32 + i], 1e-7f);
        }
    }

    @Test
    void greyPngForAnRgbModelRepeatsTheGreyValue() {
        byte[] png = Images.png(Images.grey(4, 4, (x, y) -> 51));
        assertAllClose(0.2f, preprocessor.prepare(png, RGB_4, Colour.RGB), 1e-7f);
    }

    @Test
    void palettePngUsesThePaletteColours() {
        int[] palette = {0x000000, 0xFFFFFF, 0x336699};
        byte[] png = Images.png(Images.palette(28, 28, palette, (x, y) -> x < 14 ? 1 : 2));
        float[] tensor = preprocessor.prepare(png, GREY_28, Colour.GREY);
        float luma = (0.299f * 0x33 + 0.587f * 0x66 + 0.114f * 0x99) / 255f;
        assertEquals(1f, tensor[0], 1e-6f);
        assertEquals(luma, tensor[27], 1e-6f);
    }

    @Test
    void alphaIsCompositedOverBlack() {
        byte[] rgba = Images.png(Images.solid(28, 28, 0x80_FF_FF_FF, true));
        assertAllClose(128 / 255f, preprocessor.prepare(rgba, GREY_28, Colour.GREY), 1e-6f);
        byte[] greyAlpha = Images.png(greyWithAlpha(28, 28, 200, 51));
        assertAllClose(200 / 255f * 0.2f, preprocessor.prepare(greyAlpha, GREY_28, Colour.GREY), 1e-6f);
    }

    @Test
    void baselineAndProgressiveJpegsDecodeToTheirColour() {
        BufferedImage flat = Images.grey(28, 28, (x, y) -> 153);
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] jpeg = Images.jpeg(flat, progressive);
            assertAllClose(0.6f, preprocessor.prepare(jpeg, GREY_28, Colour.GREY), 2 / 255f);
        }
        assertTrue(isProgressive(Images.jpeg(flat, true)), "the progressive JPEG has an SOF2 marker");
    }

    @Test
    void largerImagesAreFilteredDownAndSmallerOnesStretched() {
        byte[] halves = Images.png(Images.grey(56, 56, (x, y) -> x < 28 ? 0 : 255));
        float[] tensor = preprocessor.prepare(halves, GREY_28, Colour.GREY);
        assertEquals(0f, tensor[0], 1e-6f);
        assertEquals(1f, tensor[27], 1e-6f);
        // output column 13 is centred on source x = 27 with weights 1/8, 3/8, 3/8, 1/8 over x = 25..28
        assertEquals(0.125f, tensor[13], 1e-6f);
        assertEquals(0.875f, tensor[14], 1e-6f);
        float[] constant = preprocessor.prepare(Images.png(Images.grey(7, 9, (x, y) -> 102)), GREY_28, Colour.GREY);
        assertAllClose(0.4f, constant, 1e-6f);
    }

    @Test
    void headerDeclaringTooManyPixelsIsRefusedBeforeDecoding() {
        byte[] bomb = Pngs.headerOnly(100_000, 100_000);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> preprocessor.prepare(bomb, GREY_28, Colour.GREY));
        assertTrue(e.getMessage().contains("expected at most 4194304 decoded pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("found 100000x100000"), e.getMessage());
    }

    @Test
    void bytesThatAreNoImageOrAnotherFormatOrTruncatedAreRefused() {
        assertMessage("found unrecognised data starting 6e 6f 74", "not an image".getBytes());
        assertMessage("found an empty body", new byte[0]);
        assertMessage("found GIF", Images.gif(Images.grey(4, 4, (x, y) -> 0)));
        byte[] png = Images.png(Images.grey(28, 28, (x, y) -> x));
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        assertMessage("expected a decodable PNG or JPEG image, found corrupt data", truncated);
    }

    private void assertMessage(String expected, byte[] bytes) {
        ImageDecodingException e = assertThrows(ImageDecodingException.class,
                () -> preprocessor.prepare(bytes, GREY_28, Colour.GREY));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static BufferedImage greyWithAlpha(int width, int height, int grey, int alpha) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {grey, alpha});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static boolean isProgressive(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC2) {
                return true;
            }
        }
        return false;
    }

    private static void assertAllClose(float expected, float[] values, float tolerance) {
        float[] wanted = new float[values.length];
        Arrays.fill(wanted, expected);
        assertArrayEquals(wanted, values, tolerance);
    }
}
