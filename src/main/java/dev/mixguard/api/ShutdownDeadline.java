package dev.mixguard.api;

/**
 * The CDI event {@link ShutdownGate} fires when a SIGTERM starts the drain: when, on {@link System#nanoTime()},
 * Quarkus stops waiting for the requests in flight and exits ({@code quarkus.shutdown.delay} plus
 * {@code quarkus.shutdown.timeout} after the signal). Work that may outlive it must stop and answer before.
 */
public record ShutdownDeadline(long exitNanos) {
}
