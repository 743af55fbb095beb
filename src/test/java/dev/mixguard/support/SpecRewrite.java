package dev.mixguard.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Rewrites the mixguard.spec metadata entry of an ONNX model to any length, re-encoding the protobuf lengths around
 * it (ModelProto field 14, StringStringEntryProto key 1 and value 2); every other byte is kept.
 */
public final class SpecRewrite {

    private static final int METADATA_FIELD = 14;
    private static final String KEY = "mixguard.spec";

    private SpecRewrite() {
    }

    /** A ModelFolders edit that replaces the spec JSON text with {@code edit} of it. */
    public static ModelFolders.Edit spec(UnaryOperator<String> edit) {
        return bytes -> rewrite(bytes, edit);
    }

    /** A ModelFolders edit that renames the bundled model to {@code name}, for a copy in a folder of that name. */
    public static ModelFolders.Edit renamed(String name) {
        return spec(json -> json.replace("\"name\": \"" + BundledModel.NAME + "\"", "\"name\": \"" + name + "\""));
    }

    static byte[] rewrite(byte[] model, UnaryOperator<String> edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 4096);
        int[] pos = {0};
        boolean found = false;
        while (pos[0] < model.length) {
            int start = pos[0];
            long tag = varint(model, pos);
            int wire = (int) (tag & 7);
            int payload = skip(model, pos, wire);
            if (tag >>> 3 == METADATA_FIELD && wire == 2 && KEY.equals(field(model, payload, pos[0], 1))) {
                String value = field(model, payload, pos[0], 2);
                out.writeBytes(entry(edit.apply(value)));
                found = true;
            } else {
                out.write(model, start, pos[0] - start);
            }
        }
        if (!found) {
            throw new IllegalStateException("expected a " + KEY + " metadata entry in model.onnx, found none");
        }
        return out.toByteArray();
    }

    /** Moves pos past the field's value; returns where a length-delimited payload starts (else -1). */
    private static int skip(byte[] b, int[] pos, int wire) {
        switch (wire) {
            case 0 -> varint(b, pos);
            case 1 -> pos[0] += 8;
            case 5 -> pos[0] += 4;
            case 2 -> {
                int length = (int) varint(b, pos);
                int payload = pos[0];
                pos[0] += length;
                return payload;
            }
            default -> throw new IllegalStateException("expected protobuf wire type 0, 1, 2 or 5, found " + wire);
        }
        return -1;
    }

    /** The string of field {@code number} inside the message bytes [from, to), or null. */
    private static String field(byte[] b, int from, int to, int number) {
        int[] pos = {from};
        while (pos[0] < to) {
            long tag = varint(b, pos);
            int payload = skip(b, pos, (int) (tag & 7));
            if (tag >>> 3 == number && payload >= 0) {
                return new String(b, payload, pos[0] - payload, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static byte[] entry(String value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        text(body, 1, KEY);
        text(body, 2, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (METADATA_FIELD << 3) | 2);
        writeVarint(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, int number, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeVarint(out, (number << 3) | 2);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static long varint(byte[] b, int[] pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b[pos[0]++];
            value |= (long) (next & 0x7f) << shift;
            if (next >= 0) {
                return value;
            }
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
