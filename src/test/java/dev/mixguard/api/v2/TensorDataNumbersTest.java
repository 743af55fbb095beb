package dev.mixguard.api.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.mixguard.api.JsonNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The v2 tensor data read through the service's ObjectMapper (Jackson's fast decimal reader, see
 * {@link JsonNumbers}) gives, bit for bit, the float the JDK's {@code Float.parseFloat} gives for the same text,
 * on random decimals of every shape a client sends and on the halfway cases where rounding is hardest; and floats
 * it writes read back to the same bits.
 */
class TensorDataNumbersTest {

    private static final int VALUES = 20_000;

    private final ObjectMapper json = mapper();

    @Test
    void readsEveryDecimalAsFloatParseFloatDoes() throws Exception {
        assertTrue(json.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER), "the fast reader is the one tested");
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(VALUES);
        for (int i = 0; i < VALUES; i++) {
            texts.add(decimal(random, i % 8));
        }
        float[] read = read(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Float.floatToRawIntBits(Float.parseFloat(texts.get(i))), Float.floatToRawIntBits(read[i]),
                    "value " + i + ": " + texts.get(i));
        }
    }

    @Test
    void writtenFloatsReadBackToTheSameBits() throws Exception {
        assertTrue(json.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
        Random random = new Random(12);
        float[] values = new float[VALUES];
        for (int i = 0; i < values.length; i++) {
            float value;
            do {
                value = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(value));
            values[i] = value;
        }
        float[] back = json.readValue(json.writeValueAsBytes(values), float[].class);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(back[i]), "value " + i);
        }
    }

    private float[] read(List<String> texts) throws Exception {
        String body = "{\"inputs\": [{\"name\": \"image\", \"shape\": [" + texts.size() + "], \"datatype\": \"FP32\","
                + " \"data\": [" + String.join(", ", texts) + "]}]}";
        return json.readValue(body, InferRequest.class).inputs().get(0).data();
    }

    /**
     * A decimal in one of eight forms: pixels as the bench sends them, long, exponent, integer, tiny, and exactly
     * halfway between two floats, or a hair above or below that (where rounding through a double goes wrong).
     */
    private static String decimal(Random random, int form) {
        return switch (form) {
            case 0 -> String.format(Locale.ROOT, "%.6f", random.nextInt(256) / 255.0);
            case 1 -> String.valueOf(random.nextDouble());
            case 2 -> String.format(Locale.ROOT, "%se%d", random.nextInt(2_000_000) / 1000.0, random.nextInt(76) - 38);
            case 3 -> String.valueOf(random.nextInt(1 << 25) - (1 << 24));
            case 4 -> random.nextInt(999) + 1 + "e-" + (random.nextInt(8) + 38);
            case 5 -> halfway(random, 0).toString();
            default -> halfway(random, form == 6 ? 1 : -1).toString();
        };
    }

    /**
     * The exact decimal midway between a random positive float and the next one up (ties round to even), moved by
     * {@code nudge} units of its 20th decimal digit beyond its last.
     */
    private static BigDecimal halfway(Random random, int nudge) {
        float low = Float.intBitsToFloat(random.nextInt(0x7f000000));
        BigDecimal middle = new BigDecimal(low).add(new BigDecimal(Math.nextUp(low))).divide(BigDecimal.valueOf(2));
        return middle.add(BigDecimal.valueOf(nudge).movePointLeft(middle.scale() + 20));
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new JsonNumbers().customize(mapper);
        return mapper;
    }
}
