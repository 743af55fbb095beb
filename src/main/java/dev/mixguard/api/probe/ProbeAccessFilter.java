package dev.mixguard.api.probe;

import dev.mixguard.api.ErrorMappers;
import dev.mixguard.config.ProbeConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the probe routes: 404 naming {@code mixguard.probe.enabled} when they are off, and 401 unless the
 * {@code X-API-Key} header matches {@code mixguard.probe.api-key} when one is set (compared in constant time).
 */
@Provider
@ProbeAccess
public class ProbeAccessFilter implements ContainerRequestFilter {

    /** The request header that carries the probe API key. */
    public static final String HEADER = "X-API-Key";

    /** Looked up per request: filters are built at static init, before runtime config mappings exist. */
    private final Instance<ProbeConfig> configs;

    ProbeAccessFilter(Instance<ProbeConfig> configs) {
        this.configs = configs;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ProbeConfig config = configs.get();
        if (!config.enabled()) {
            request.abortWith(ErrorMappers.error(Response.Status.NOT_FOUND, "expected the probe routes to be "
                    + "enabled (mixguard.probe.enabled=true), found mixguard.probe.enabled=false"));
            return;
        }
        if (config.apiKey().isEmpty()) {
            return;
        }
        String sent = request.getHeaderString(HEADER);
        if (sent == null || !MessageDigest.isEqual(bytes(sent), bytes(config.apiKey().get()))) {
            request.abortWith(Response.fromResponse(ErrorMappers.error(Response.Status.UNAUTHORIZED,
                    "expected the probe API key in header " + HEADER + " (mixguard.probe.api-key is set), found "
                            + (sent == null ? "no such header" : "a key that does not match")))
                    .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"").build());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
