package dev.mixguard.api.v2;

import dev.mixguard.api.ErrorMappers;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * KServe v2 server routes: GET /v2 (metadata) and /v2/health/live|ready, answered from the same health checks
 * as /q/health/live|ready so the two always agree: 200 when UP, 503 naming the checks that are DOWN.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class V2ServerResource {

    private final SmallRyeHealthReporter health;
    private final String version;

    V2ServerResource(SmallRyeHealthReporter health,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.health = health;
        this.version = version;
    }

    @GET
    @Operation(summary = "KServe v2 server metadata: name, version, extensions")
    public ServerMetadata metadata() {
        return new ServerMetadata("mixguard", version, ServerMetadata.EXTENSIONS);
    }

    @GET
    @Path("health/live")
    @Operation(summary = "KServe v2 liveness: 200 when live, as /q/health/live")
    public Response live() {
        return answer(health.getLiveness(), "live");
    }

    @GET
    @Path("health/ready")
    @Operation(summary = "KServe v2 readiness: 200 when every model is ready, 503 otherwise, as /q/health/ready")
    public Response ready() {
        return answer(health.getReadiness(), "ready");
    }

    private static Response answer(SmallRyeHealth result, String key) {
        if (!result.isDown()) {
            return Response.ok(Map.of(key, true)).build();
        }
        String down = result.getPayload().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "DOWN".equals(check.getString("status", "")))
                .map(V2ServerResource::describe).collect(Collectors.joining("; "));
        return ErrorMappers.error(Response.Status.SERVICE_UNAVAILABLE, "expected " + key + ", found DOWN: "
                + down);
    }

    private static String describe(JsonObject check) {
        JsonValue data = check.get("data");
        String reason = data instanceof JsonObject object ? object.getString("reason", null) : null;
        return check.getString("name", "?") + (reason == null ? "" : " (" + reason + ")");
    }
}
