package dev.mixguard.api.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.api.ShutdownDeadline;
import dev.mixguard.config.ProbeConfig;
import dev.mixguard.probe.CancellationToken;
import dev.mixguard.probe.CancellationToken.Cause;
import dev.mixguard.support.Mappings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On shutdown the probe executor raises the token of every probe still holding a place at the margin before Quarkus
 * exits, and of every probe admitted after that; probes that ended before are untouched, and before that moment
 * nothing is stopped.
 */
class ProbeExecutorTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final ProbeExecutor executor = new ProbeExecutor(Mappings.of(ProbeConfig.class,
            Map.of("mixguard.probe.shutdown-margin", "2s", "mixguard.probe.queue-size", "2")));

    @AfterEach
    void stopPool() {
        executor.shutdown();
    }

    @Test
    void probesHoldingAPlaceAtTheDeadlineAreStoppedForShutdownAndLaterOnesAtOnce() {
        ProbeExecutor.Place running = executor.admit();
        ProbeExecutor.Place ended = executor.admit();
        ended.close();
        long now = System.nanoTime();

        executor.onShutdown(new ShutdownDeadline(now + SECOND));

        assertEquals(Optional.of(Cause.SHUTDOWN), running.token().cause(), "exit in 1 s, margin 2 s: stopped now");
        assertEquals(Optional.empty(), ended.token().cause(), "a probe that ended in time is untouched");
        assertEquals(1, executor.held());
        try (ProbeExecutor.Place late = executor.admit()) {
            assertEquals(Optional.of(Cause.SHUTDOWN), late.token().cause(), "admitted after the deadline");
        }
        running.close();
        assertEquals(0, executor.held());
    }

    @Test
    void beforeTheDeadlineProbesRunOnAndACallersCancelIsKeptAsSuch() {
        CancellationToken cancelledByCaller = new CancellationToken();
        ProbeExecutor.Place running = executor.admit();
        ProbeExecutor.Place hungUp = executor.admit(cancelledByCaller);
        cancelledByCaller.cancel();
        long now = System.nanoTime();

        executor.onShutdown(new ShutdownDeadline(now + 3600 * SECOND));

        assertEquals(Optional.empty(), running.token().cause(), "an hour before the exit nothing is stopped");
        try (ProbeExecutor.Place later = executor.admit()) {
            assertEquals(Optional.empty(), later.token().cause());
        }
        assertEquals(Optional.of(Cause.CALLER), hungUp.token().cause());
        executor.onShutdown(new ShutdownDeadline(now));
        assertEquals(Optional.of(Cause.SHUTDOWN), running.token().cause());
        assertEquals(Optional.of(Cause.CALLER), hungUp.token().cause(), "the first cause raised is the one kept");
    }

    @Test
    void aNegativeMarginIsRefusedNamingTheKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new ProbeExecutor(
                Mappings.of(ProbeConfig.class, Map.of("mixguard.probe.shutdown-margin", "-1s"))));
        assertTrue(refused.getMessage().contains("shutdown-margin"), refused.getMessage());
        assertTrue(refused.getMessage().contains("found 1, 8 and PT-1S"), refused.getMessage());
    }
}
