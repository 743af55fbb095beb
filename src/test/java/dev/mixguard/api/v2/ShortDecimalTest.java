package dev.mixguard.api.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The short-decimal fast path, fuzzed against Jackson's own reading of the same JSON numbers (and the JDK's
 * {@code Float.parseFloat}): every number it takes gives the same float bit for bit, and it leaves alone every
 * number it cannot read exactly.
 */
class ShortDecimalTest {

    private static final int VALUES = 200_000;

    @Test
    void givesJacksonsFloatForEveryShortDecimal() throws Exception {
        Random random = new Random(21);
        List<String> texts = new ArrayList<>(VALUES);
        for (int i = 0; i < VALUES; i++) {
            texts.add(shortDecimal(random));
        }
        float[] jackson = new ObjectMapper().readValue("[" + String.join(",", texts) + "]", float[].class);
        int taken = 0;
        for (int i = 0; i < texts.size(); i++) {
            float fast = parse(texts.get(i));
            if (!Float.isNaN(fast)) {
                taken++;
                assertEquals(Float.floatToRawIntBits(jackson[i]), Float.floatToRawIntBits(fast), texts.get(i));
                assertEquals(Float.floatToRawIntBits(Float.parseFloat(texts.get(i))), Float.floatToRawIntBits(fast),
                        texts.get(i));
            }
        }
        assertTrue(taken > VALUES / 2, "the fast path takes those below 2^24 (most of them), took " + taken);
    }

    @Test
    void leavesWhatItCannotReadExactlyToJackson() {
        for (String text : new String[] {"1e5", "1.5E-7", "16777216", "0.16777216", "-16777216.5", "0.00000000001",
                "123456789.5"}) {
            assertTrue(Float.isNaN(parse(text)), text + " is left to Jackson");
        }
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(parse("-0.0")), "negative zero");
        assertEquals(16777215f, parse("16777215"));
        assertEquals(0.0000000001f, parse("0.0000000001"));
    }

    private static float parse(String text) {
        return ShortDecimal.parse(text.toCharArray(), 0, text.length());
    }

    /**
     * Up to 9 digits with the point anywhere among them, sometimes negative, sometimes zero-padded: the JSON
     * numbers with a point that the deserializer hands to the fast path (integers stay with Jackson).
     */
    private static String shortDecimal(Random random) {
        int digits = 1 + random.nextInt(9);
        StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "-" : "");
        String number = String.valueOf((long) (random.nextDouble() * Math.pow(10, digits)));
        int point = random.nextInt(number.length());
        String padding = "0".repeat(random.nextInt(4));
        return text.append(point == 0 ? "0" : number.substring(0, point)).append('.').append(padding)
                .append(number.substring(point)).toString();
    }
}
