package dev.mixguard.api.v2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a tensor's {@code data}, flat or nested to any depth, straight from the token stream into one flat
 * float array, without building a JSON tree; short decimals through {@link ShortDecimal}.
 */
final class TensorDataDeserializer extends JsonDeserializer<float[]> {

    private static final int INITIAL = 1024;

    @Override
    public float[] deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartArrayToken()) {
            return (float[]) context.handleUnexpectedToken(float[].class, parser.currentToken(), parser,
                    "expected \"data\" to be an array of numbers, found %s", parser.currentToken());
        }
        float[] values = new float[INITIAL];
        int count = 0;
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                if (count == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                values[count++] = token == JsonToken.VALUE_NUMBER_FLOAT ? decimal(parser) : parser.getFloatValue();
            } else {
                return (float[]) context.handleUnexpectedToken(float[].class, token, parser,
                        "expected numbers in \"data\" (FP32 or UINT8), found %s at element %d", token, count);
            }
        }
        return Arrays.copyOf(values, count);
    }

    /** A decimal token's float: {@link ShortDecimal} for the usual short ones, Jackson for the rest. */
    private static float decimal(JsonParser parser) throws IOException {
        float value = ShortDecimal.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        return Float.isNaN(value) ? parser.getFloatValue() : value;
    }
}
