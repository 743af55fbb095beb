package dev.mixguard.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * GET /q/openapi: the OpenAPI document made at build time from the resources' annotations (META-INF/openapi/ in
 * the jar, by smallrye-open-api-maven-plugin), as YAML, or as JSON for {@code ?format=json} or
 * {@code Accept: application/json}, as Quarkus' own endpoint answers; read on the first request, not at start-up.
 */
@Path("/q/openapi")
public class OpenApiResource {

    /** Where the build puts the document, as openapi.yaml and openapi.json. */
    static final String FOLDER = "META-INF/openapi/";
    private static final MediaType YAML = new MediaType("application", "yaml", "UTF-8");

    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    @GET
    @Operation(hidden = true)
    public Response document(@RestQuery String format, @RestHeader(HttpHeaders.ACCEPT) String accept) {
        boolean json = format == null ? accept != null && accept.contains(MediaType.APPLICATION_JSON)
                : format.toLowerCase(Locale.ROOT).equals("json");
        if (format != null && !json && !format.equalsIgnoreCase("yaml")) {
            return ErrorMappers.error(Response.Status.BAD_REQUEST, "expected format json or yaml, found \""
                    + format + "\"");
        }
        String file = json ? "openapi.json" : "openapi.yaml";
        byte[] document = documents.computeIfAbsent(file, OpenApiResource::read);
        if (document.length == 0) {
            return ErrorMappers.error(Response.Status.NOT_FOUND, "expected the build-time OpenAPI document "
                    + FOLDER + file + " in the application, found none (build with ./mvnw)");
        }
        return Response.ok(document, json ? MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8") : YAML).build();
    }

    private static byte[] read(String file) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FOLDER + file)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("expected to read " + FOLDER + file + ", found " + e.getMessage(), e);
        }
    }
}
