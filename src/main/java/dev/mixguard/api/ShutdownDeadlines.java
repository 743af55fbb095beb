package dev.mixguard.api;

/**
 * The CDI event {@link ShutdownGate} fires when a SIGTERM starts the drain: on {@link System#nanoTime()}, when new
 * requests start being refused (the end of {@code quarkus.shutdown.delay}) and when Quarkus stops waiting for the
 * requests in flight and exits ({@code quarkus.shutdown.timeout} later). Work that may outlive the second must stop
 * and answer before it.
 */
public record ShutdownDeadlines(long refuseFromNanos, long exitNanos) {
}
