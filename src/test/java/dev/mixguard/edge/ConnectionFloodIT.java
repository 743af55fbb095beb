package dev.mixguard.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.PackagedApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's D1 flood against the packaged app with a 256 MB heap: multipart bodies the parser gives up on, from 8
 * clients at once, must leave liveness answering within 1 s throughout, the heap after a full GC near where it
 * started and the file descriptors back to their baseline; slow clients are cut off by the header and body timeouts.
 */
class ConnectionFloodIT {

    private static final int CLIENTS = 8;
    private static final int REQUESTS = Integer.getInteger("mixguard.flood.requests", 2000);
    /**
     * Heap growth allowed beside the 10%: Quarkus REST may still hold the last parsed form of an event loop after
     * the flood (one request's 1025 values, about 0.5 MB; bench/results/abuse.md), a constant that does not grow
     * with the number of requests, where a leak of the 370 KB per request would hold 740 MB.
     */
    private static final long RETAINED = 1_200_000;
    /** Requests sent before the baseline is taken, so classes, caches and metrics they first touch are counted in. */
    private static final int WARM_UP = 200;
    private static final String CLASSIFY = "/v1/models/" + BundledModel.NAME + "/classify";

    /** Why requests of the flood failed without an answer, for the failure message. */
    private static final java.util.Set<String> FAILURES = ConcurrentHashMap.newKeySet();

    private static PackagedApp app;
    private static HttpClient client;
    /** Liveness has its own connections, as a kubelet's probe would. */
    private static HttpClient probeClient;

    @BeforeAll
    static void start() throws Exception {
        app = PackagedApp.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-Dmixguard.http.header-timeout=2s", "-Dmixguard.http.body-timeout=5s"));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aFloodOfFailingMultipartBodiesLeavesNothingHeld() throws Exception {
        byte[] body = MultipartFlood.manyParts(3000);
        flood(body, WARM_UP);
        long heapBefore = app.heapAfterFullGc();
        int socketsBefore = app.openSockets();
        AtomicBoolean flooding = new AtomicBoolean(true);
        LongAccumulator slowestLive = new LongAccumulator(Math::max, 0);
        ExecutorService poller = Executors.newSingleThreadExecutor();
        Future<Integer> probes = poller.submit(() -> pollLiveness(flooding, slowestLive));
        Map<Integer, Long> statuses;
        try {
            statuses = flood(body, REQUESTS);
        } finally {
            flooding.set(false);
            poller.shutdown();
        }
        int livenessChecks = probes.get();
        assertEquals(Map.of(413, (long) REQUESTS), statuses, "every request got its 413; failures: " + FAILURES);
        assertTrue(livenessChecks > 0 && slowestLive.get() < 1000, "liveness answered " + livenessChecks
                + " times, the slowest in " + slowestLive.get() + " ms");
        assertTrue(socketsBackWithin(socketsBefore, Duration.ofSeconds(10)), "open sockets back to " + socketsBefore
                + " within 10 s, found " + app.openSockets());
        long heapAfter = app.heapAfterFullGc();
        assertTrue(heapAfter <= Math.max(heapBefore * 1.1, heapBefore + RETAINED), "heap after a full GC within 10% "
                + "(or " + RETAINED + " bytes) of " + heapBefore + ", found " + heapAfter);
    }

    /** Posts {@code body} {@code requests} times from {@link #CLIENTS} clients at once; counts the statuses. */
    private static Map<Integer, Long> flood(byte[] body, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        List<Future<?>> clients = new java.util.ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                while (next.getAndIncrement() < requests) {
                    statuses.computeIfAbsent(post(body), s -> new AtomicLong()).incrementAndGet();
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    @Test
    void aBodyThatStopsArrivingGets408AndTheConnectionCloses() throws IOException {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CLASSIFY + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 1000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("mixguard.http.body-timeout"), answer);
        }
    }

    @Test
    void aKeptAliveConnectionWithoutANextRequestIsClosed() throws IOException {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(millis >= 1500 && millis < 8000, "closed after the 2 s header timeout, found " + millis
                    + " ms");
        }
    }

    @Test
    void aNewConnectionThatSendsNothingIsClosedAtTheHeaderTimeout() throws IOException {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            byte[] answer = socket.getInputStream().readAllBytes();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, answer.length, "no answer to a request never begun");
            assertTrue(millis >= 1500 && millis < 6000, "closed after the 2 s header timeout, found " + millis + " ms");
        }
    }

    @Test
    void headersTrickledOnANewConnectionGetA408AtTheHeaderTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            ExecutorService dripper = Executors.newSingleThreadExecutor();
            Future<Integer> dripped = dripper.submit(() -> drip(out, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n",
                    "X-Slow: 1\r\n", 40, 250));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            int lines = dripped.get(5, TimeUnit.SECONDS);
            dripper.shutdown();
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.endsWith("{\"error\":\"expected the request headers within 2.0 s of the connection "
                    + "opening (mixguard.http.header-timeout), found them still arriving\"}"), answer);
            assertTrue(millis >= 1500 && millis < 6000, "cut off after the 2 s header timeout, found " + millis
                    + " ms (" + lines + " header lines sent, one every 250 ms)");
        }
    }

    @Test
    void aRequestWhoseHeadersCameInTimeMayTakeLongerThanTheHeaderTimeoutForItsBody() throws Exception {
        byte[] png = BundledModel.sample(0);
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CLASSIFY + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
                    + "Connection: close\r\nContent-Length: " + png.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int piece = png.length / 4 + 1;
            for (int from = 0; from < png.length; from += piece) {
                Thread.sleep(800);
                out.write(png, from, Math.min(piece, png.length - from));
                out.flush();
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), "a body sent over 3.2 s, within the 5 s body timeout: "
                    + answer);
        }
    }

    /** Writes {@code first}, then {@code line} every {@code everyMillis} ms up to {@code times}; lines sent. */
    private static int drip(OutputStream out, String first, String line, int times, long everyMillis)
            throws InterruptedException {
        int sent = 0;
        try {
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            for (; sent < times; sent++) {
                Thread.sleep(everyMillis);
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException closed) {
            // the server closed the connection: what the test waits for
        }
        return sent;
    }

    private static int post(byte[] body) {
        try {
            return client.send(HttpRequest.newBuilder(app.uri(CLASSIFY)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", MultipartFlood.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            FAILURES.add(String.valueOf(e));
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int pollLiveness(AtomicBoolean flooding, LongAccumulator slowest) throws InterruptedException {
        int checks = 0;
        while (flooding.get()) {
            long start = System.nanoTime();
            try {
                int status = probeClient.send(HttpRequest.newBuilder(app.uri("/q/health/live"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                slowest.accumulate(status == 200 ? (System.nanoTime() - start) / 1_000_000 : Long.MAX_VALUE);
            } catch (IOException e) {
                slowest.accumulate(Long.MAX_VALUE);
            }
            checks++;
            Thread.sleep(100);
        }
        return checks;
    }

    private static boolean socketsBackWithin(int baseline, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (app.openSockets() <= baseline) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
