package dev.mixguard.edge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 client connection kept alive across requests, as a load tool keeps it: opened when there is none,
 * reopened only after the server said {@code Connection: close} or closed it while it was idle (seen before the next
 * request is written, as a connection pool checks), so that a failure on a reused connection is the server's doing.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** An HTTP answer: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;
    private final int readTimeoutMillis;
    private Socket socket;
    private InputStream in;
    private int reopenedAfterIdleClose;

    KeepAliveConnection(String host, int port, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Whether the next request will be written on a connection that already carried one. A connection the server
     * closed while idle is dropped first, so that it reads false.
     */
    boolean reusedForNext() throws IOException {
        if (socket != null && closedByServer()) {
            close();
            reopenedAfterIdleClose++;
        }
        return socket != null;
    }

    /** Connections dropped because the server had closed them before a request was written on them. */
    int reopenedAfterIdleClose() {
        return reopenedAfterIdleClose;
    }

    /**
     * Writes {@code request} (opening a connection when none is open) and reads its answer. Throws
     * {@link java.net.ConnectException} when no connection could be opened, another {@link IOException} when the
     * connection failed before a whole answer came.
     */
    Answer send(byte[] request) throws IOException {
        open();
        socket.setSoTimeout(readTimeoutMillis);
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        Answer answer = read();
        if ("close".equalsIgnoreCase(answer.header("Connection"))) {
            close();
        }
        return answer;
    }

    /** Opens the connection now, when none is open: a {@link java.net.ConnectException} when it is refused. */
    void open() throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
        }
    }

    /** Whether the server closed (or reset) the idle connection: checked for 1 ms before a request is written. */
    private boolean closedByServer() throws IOException {
        socket.setSoTimeout(1);
        int next;
        try {
            next = in.read();
        } catch (SocketTimeoutException nothingYet) {
            return false;
        } catch (IOException reset) {
            return true;
        }
        if (next < 0) {
            return true;
        }
        throw new IOException("expected nothing from the server between answers, found byte " + next);
    }

    private Answer read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("expected an HTTP/1.x status line, found: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? chunked() : in.readAllBytes();
        return new Answer(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.writeBytes(in.readNBytes(size));
            line();
        }
        String trailer;
        do {
            trailer = line();
        } while (!trailer.isEmpty());
        return body.toByteArray();
    }

    /** One CRLF-ended line without its end; EOF before it ends is an {@link EOFException}. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("expected a line of the answer, found the connection closed after "
                        + line.size() + " bytes of it");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
        }
        socket = null;
        in = null;
    }
}
