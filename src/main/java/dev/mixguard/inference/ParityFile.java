package dev.mixguard.inference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixguard.model.FileErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads parity.json with a streaming parser: its number arrays ({@code inputs} and each of {@code outputs}, about
 * 26 thousand numbers for the bundled model) go straight into float arrays, the rest into a small JSON tree. A
 * tree of the whole file took two to three times as long, which counts at start-up.
 *
 * @param fields the top-level fields other than the number arrays (knobs, shape)
 * @param arrays {@code inputs} and {@code outputs.<name>} by those paths
 */
record ParityFile(ObjectNode fields, Map<String, float[]> arrays) {

    private static final ObjectMapper JSON = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    /** Reads {@code file}; IllegalArgumentException names the first thing that is not as expected. */
    static ParityFile read(Path file) {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the file", "an object", parser);
            ObjectNode fields = JSON.createObjectNode();
            Map<String, float[]> arrays = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "inputs" -> arrays.put(name, numbers(parser, name));
                    case "outputs" -> outputs(parser, arrays);
                    default -> fields.set(name, parser.readValueAsTree());
                }
            }
            return new ParityFile(fields, arrays);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ParityVectors.FILE + ": expected JSON, found a syntax error: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(ParityVectors.FILE + ": expected a readable file, found it unreadable: "
                    + FileErrors.describe(e));
        }
    }

    private static void outputs(JsonParser parser, Map<String, float[]> arrays) throws IOException {
        expect(parser.currentToken() == JsonToken.START_OBJECT, "outputs", "an object", parser);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = "outputs." + parser.currentName();
            parser.nextToken();
            arrays.put(path, numbers(parser, path));
        }
    }

    /** The array the parser stands on, as floats. */
    private static float[] numbers(JsonParser parser, String path) throws IOException {
        expect(parser.currentToken() == JsonToken.START_ARRAY, path, "an array of numbers", parser);
        float[] values = new float[1024];
        int size = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            expect(token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT,
                    path + "[" + size + "]", "a number", parser);
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = parser.getFloatValue();
        }
        return Arrays.copyOf(values, size);
    }

    private static void expect(boolean holds, String path, String expected, JsonParser parser) throws IOException {
        if (!holds) {
            JsonToken token = parser.currentToken();
            throw new IllegalArgumentException(ParityVectors.FILE + " field \"" + path + "\": expected " + expected
                    + ", found " + (token == null ? "the end of the file" : token.isScalarValue() ? parser.getText()
                    : token.asString()));
        }
    }

    /** A top-level field other than the number arrays; a missing node when absent. */
    JsonNode field(String name) {
        return fields.path(name);
    }
}
