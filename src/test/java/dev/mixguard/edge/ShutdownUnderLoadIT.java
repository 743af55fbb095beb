package dev.mixguard.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.PackagedApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's D2 under load on the packaged app: {@link #CLIENTS} clients keep HTTP/1.1 connections alive and send
 * classify requests back to back through a SIGTERM until the process exits, while {@link #IDLE} kept-alive connections
 * sit idle across the end of the drain delay and a probe keeps the process draining. Every request written on a
 * connection gets an HTTP answer: 200 during the drain delay, 503 JSON with Retry-After and Connection: close after
 * it; once the listener has closed a new connection is refused, so that request was never sent (or, queued by the
 * kernel as the listener closed, reset before the drain delay ends). None ends in a reset or EOF otherwise.
 */
class ShutdownUnderLoadIT {

    private static final int CLIENTS = 8;
    private static final int IDLE = 4;
    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Beyond delay and timeout, for the JVM's own exit on a loaded 2-CPU machine. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final String REFUSAL = "{\"error\":\"expected a serving instance, found this one shutting down";
    /** 20,000 queries: past the probe's shutdown deadline (delay + timeout - 2 s margin): it keeps the drain open. */
    private static final String PROBE = "/v1/models/" + BundledModel.NAME + "/probe?queries=19998&epsilon=0.001";

    /** What became of one request. */
    enum Outcome {
        /** 200, sent before the SIGTERM. */
        SERVED_BEFORE,
        /** 200, sent after the SIGTERM: served during the drain delay. */
        SERVED_DRAINING,
        /** 503 with the JSON refusal, Retry-After and Connection: close. */
        REFUSED_503,
        /** Any other answer. */
        OTHER_ANSWER,
        /** A new connection could not be opened: the listener was closed, the request never left the client. */
        NOT_CONNECTED,
        /**
         * A new connection reset before the drain delay ended, when the service closes no connection it accepted: one
         * the kernel had queued but the service not yet accepted when the listener closed, so the request never
         * reached it, as if refused.
         */
        RESET_BY_CLOSING_LISTENER,
        /** Written on a new connection that then failed without an answer. */
        UNANSWERED_NEW,
        /** Written on a connection that had carried a request before, and failed without an answer. */
        LOST
    }

    @Test
    void everyRequestWrittenOnAKeptAliveConnectionIsAnsweredThroughTheShutdown() throws Exception {
        try (PackagedApp app = PackagedApp.start(List.of("-Xmx256m", "-Dquarkus.shutdown.delay=" + DELAY.toSeconds()
                + "s", "-Dquarkus.shutdown.timeout=" + TIMEOUT.toSeconds() + "s"))) {
            Tally tally = new Tally();
            byte[] request = classifyRequest(app.port());
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> load(app.port(), request, running, tally)));
            }
            List<KeepAliveConnection> idle = new ArrayList<>();
            for (int c = 0; c < IDLE; c++) {
                idle.add(new KeepAliveConnection("localhost", app.port(), 10_000));
                attempt(idle.get(c), request, tally);
            }
            CompletableFuture<HttpResponse<String>> probe = HttpClient.newHttpClient().sendAsync(HttpRequest
                    .newBuilder(app.uri(PROBE)).header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers
                            .ofByteArray(BundledModel.sample(0))).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);
            tally.sigterm = System.nanoTime();
            app.process().destroy();
            Thread.sleep(DELAY.plusMillis(500).toMillis());
            List<Outcome> afterDrain = new ArrayList<>();
            for (KeepAliveConnection connection : idle) {
                afterDrain.add(attempt(connection, request, tally));
                connection.close();
            }
            boolean exited = app.process().waitFor(DELAY.plus(TIMEOUT).plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            long exitMillis = (System.nanoTime() - tally.sigterm) / 1_000_000;
            running.set(false);
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            HttpResponse<String> probed = probe.get(10, TimeUnit.SECONDS);
            String summary = tally.summary() + "; idle connections used after the drain delay: " + afterDrain
                    + "; probe " + probed.statusCode() + "; exit " + exitMillis + " ms after the SIGTERM";
            System.out.println("shutdown under load: " + summary);

            assertTrue(exited, "the process exits within delay + timeout + " + MARGIN.toSeconds() + " s: " + summary);
            assertEquals(0, tally.count(Outcome.LOST), "requests lost on kept-alive connections: " + summary);
            assertEquals(0, tally.count(Outcome.UNANSWERED_NEW), "requests unanswered on new connections: " + summary);
            assertEquals(0, tally.count(Outcome.OTHER_ANSWER), "answers other than 200 and the 503: " + summary);
            assertTrue(tally.count(Outcome.SERVED_BEFORE) > 0, "served before the SIGTERM: " + summary);
            assertTrue(tally.count(Outcome.SERVED_DRAINING) > 0, "served during the drain delay: " + summary);
            assertEquals(Collections.nCopies(IDLE, Outcome.REFUSED_503), afterDrain, "503 after the drain: " + summary);
            assertTrue(tally.count(Outcome.NOT_CONNECTED) > 0, "new connections refused at the end: " + summary);
            assertTrue(probed.statusCode() == 200 || probed.statusCode() == 503, "the probe answered: " + summary);
        }
    }

    /** One client: classify requests back to back on one kept-alive connection, until told to stop. */
    private static Void load(int port, byte[] request, AtomicBoolean running, Tally tally) throws Exception {
        try (KeepAliveConnection connection = new KeepAliveConnection("localhost", port, 10_000)) {
            while (running.get()) {
                if (attempt(connection, request, tally) == Outcome.NOT_CONNECTED) {
                    Thread.sleep(20);
                }
            }
            tally.reopenedAfterIdleClose.add(connection.reopenedAfterIdleClose());
        }
        return null;
    }

    /** Sends {@code request} on {@code connection} and counts what became of it. */
    private static Outcome attempt(KeepAliveConnection connection, byte[] request, Tally tally) throws IOException {
        boolean reused = connection.reusedForNext();
        long sent = System.nanoTime();
        try {
            return tally.answered(sent, connection.send(request));
        } catch (ConnectException refused) {
            return tally.add(Outcome.NOT_CONNECTED, null);
        } catch (IOException failed) {
            connection.close();
            long now = System.nanoTime();
            if (!reused && String.valueOf(failed.getMessage()).startsWith("Connection reset")
                    && now - tally.sigterm < DELAY.toNanos()) {
                return tally.add(Outcome.RESET_BY_CLOSING_LISTENER, null);
            }
            return tally.add(reused ? Outcome.LOST : Outcome.UNANSWERED_NEW, "sent at " + tally.at(sent)
                    + ", failed at " + tally.at(now) + ": " + failed);
        }
    }

    private static byte[] classifyRequest(int port) {
        byte[] png = BundledModel.sample(1);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /v1/models/" + BundledModel.NAME + "/classify HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Type: image/png\r\nContent-Length: " + png.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(png);
        return request.toByteArray();
    }

    /** Outcomes counted across clients, with the first few failures described. */
    private static final class Tally {

        private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final LongAdder reopenedAfterIdleClose = new LongAdder();
        private volatile long sigterm = Long.MAX_VALUE;

        Tally() {
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, new LongAdder());
            }
        }

        Outcome answered(long sent, KeepAliveConnection.Answer answer) {
            if (answer.status() == 200) {
                return add(sent - sigterm < 0 ? Outcome.SERVED_BEFORE : Outcome.SERVED_DRAINING, null);
            } else if (answer.status() == 503 && answer.body().startsWith(REFUSAL)
                    && "1".equals(answer.header("Retry-After")) && "close".equals(answer.header("Connection"))
                    && "application/json".equals(answer.header("Content-Type"))) {
                return add(Outcome.REFUSED_503, null);
            }
            return add(Outcome.OTHER_ANSWER, at(sent) + " " + answer);
        }

        Outcome add(Outcome outcome, String failure) {
            counts.get(outcome).increment();
            if (failure != null && failures.size() < 10) {
                failures.add(failure);
            }
            return outcome;
        }

        long count(Outcome outcome) {
            return counts.get(outcome).sum();
        }

        /** When a request was sent, in ms relative to the SIGTERM. */
        String at(long sent) {
            return sigterm == Long.MAX_VALUE ? "before the SIGTERM" : (sent - sigterm) / 1_000_000 + " ms";
        }

        String summary() {
            return counts + ", " + reopenedAfterIdleClose.sum() + " idle connections closed by the server and reopened"
                    + (failures.isEmpty() ? "" : ", failures " + failures);
        }
    }
}
