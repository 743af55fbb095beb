package dev.mixguard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a client may take over a request, and how long a refused body is drained before its connection closes. */
@ConfigMapping(prefix = "mixguard.http")
public interface HttpEdgeConfig {

    /**
     * A new connection must send the headers of its first request within this, or it is closed (with a JSON 408 when
     * part of a request came); a kept-alive one those of its next request within this of the last answer.
     */
    @WithDefault("10s")
    Duration headerTimeout();

    /** A request body must arrive in full within this after its headers, or the answer is 408 and the connection closes. */
    @WithDefault("30s")
    Duration bodyTimeout();

    /**
     * Longest request target (path and query) answered; longer gets a JSON 414. Netty's own limit,
     * {@code quarkus.http.limits.max-initial-line-length}, is set above it so this check answers first.
     */
    @WithDefault("4096")
    int maxUriLength();

    /**
     * Most bytes of request headers (names and values) answered; more gets a JSON 431. Netty's own limit,
     * {@code quarkus.http.limits.max-header-size}, is set above it so this check answers first.
     */
    @WithDefault("20480")
    int maxHeaderSize();

    /** An answer sent before its body was read reads and drops the rest for at most this, then closes the connection. */
    @WithDefault("2s")
    Duration drainTimeout();
}
