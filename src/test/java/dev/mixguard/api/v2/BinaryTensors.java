package dev.mixguard.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Triton's binary tensor extension from the client's side: builds bodies and reads answers. */
final class BinaryTensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body and the length of its JSON header. */
    record Body(byte[] bytes, int headerLength) {
    }

    /** An answer split into its JSON header and its binary part. */
    record Answer(JsonNode header, ByteBuffer binary) {

        /** The FP32 values of the output called {@code name}, taken from the binary part. */
        float[] floats(String name) {
            ByteBuffer slice = slice(name);
            float[] values = new float[slice.remaining() / Float.BYTES];
            slice.asFloatBuffer().get(values);
            return values;
        }

        /** The BYTES strings of the output called {@code name}, taken from the binary part. */
        List<String> strings(String name) {
            ByteBuffer slice = slice(name);
            List<String> values = new ArrayList<>();
            while (slice.hasRemaining()) {
                byte[] text = new byte[slice.getInt()];
                slice.get(text);
                values.add(new String(text, StandardCharsets.UTF_8));
            }
            return values;
        }

        private ByteBuffer slice(String name) {
            int offset = 0;
            for (JsonNode output : header.get("outputs")) {
                int size = output.path("parameters").path("binary_data_size").asInt(0);
                if (output.get("name").asText().equals(name)) {
                    return binary.slice(offset, size).order(ByteOrder.LITTLE_ENDIAN);
                }
                offset += size;
            }
            throw new AssertionError("expected a binary output \"" + name + "\", found " + header);
        }
    }

    private BinaryTensors() {
    }

    /** The JSON header followed by the raw bytes. */
    static Body body(Object header, byte[] binary) {
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            byte[] bytes = Arrays.copyOf(json, json.length + binary.length);
            System.arraycopy(binary, 0, bytes, json.length, binary.length);
            return new Body(bytes, json.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Little-endian FP32 bytes. */
    static byte[] floats(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** Splits an answer at its Inference-Header-Content-Length. */
    static Answer answer(byte[] body, int headerLength) {
        try {
            return new Answer(JSON.readTree(Arrays.copyOf(body, headerLength)),
                    ByteBuffer.wrap(body, headerLength, body.length - headerLength).slice());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
