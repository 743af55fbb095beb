package dev.mixguard.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Multipart bodies that Quarkus REST's parser gives up on, as issue 13's flood sends them. */
final class MultipartFlood {

    static final String BOUNDARY = "B0UND";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private MultipartFlood() {
    }

    /** {@code parts} tiny text parts named "x": past the parser's part limit when there are enough of them. */
    static byte[] manyParts(int parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] part = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < parts; i++) {
            out.writeBytes(part);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** One form field (no filename, text) of {@code size} bytes: past the form attribute limit when large. */
    static byte[] bigField(int size) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\n" + "x".repeat(size)
                + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One part without Content-Disposition. */
    static byte[] noDisposition() {
        return ("--" + BOUNDARY + "\r\nContent-Type: image/png\r\n\r\nxx\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** An image part whose body ends before the closing boundary. */
    static byte[] cutShort() {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n" + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    }
}
