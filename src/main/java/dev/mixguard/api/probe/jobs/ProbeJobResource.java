package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.QueryValues;
import dev.mixguard.api.RequestImages;
import dev.mixguard.api.probe.AttackRequest;
import dev.mixguard.model.InvalidInputException;
import dev.mixguard.api.probe.ProbeAccess;
import dev.mixguard.api.probe.ProbeParams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * /v1/models/{name}/probe-jobs: probe jobs over image sets, with progress, events, results, CSV, the adversarial
 * examples found, and cancel.
 */
@Path("/v1/models/{name}/probe-jobs")
@Produces(MediaType.APPLICATION_JSON)
@ProbeAccess
public class ProbeJobResource {

    private final ProbeJobService service;

    ProbeJobResource(ProbeJobService service) {
        this.service = service;
    }

    /** The jobs of a model. */
    public record JobList(List<ProbeJobView> jobs) {
    }

    @POST
    @Operation(summary = "Start a job over the first n images of the model's bundled probe set (?first=n), no body")
    public Uni<Response> startBundled(@RestPath String name, @BeanParam ProbeParams params, HttpHeaders headers,
            byte[] body) {
        if (body != null && body.length > 0) {
            throw new InvalidInputException("expected a job's parameters in the query, in JSON (Content-Type "
                    + "application/json) or with uploaded images (multipart/form-data), found a body of type "
                    + headers.getMediaType());
        }
        return start(name, params.first(), params.toRequest());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a job over the bundled probe set with {\"first\": n, \"queries\": q, ...} as JSON")
    public Uni<Response> startJson(@RestPath String name, @BeanParam ProbeParams params, JobRequest request) {
        JobRequest body = request == null ? new JobRequest(null, null, null, null, null, null, null, null, null)
                : request;
        Integer first = params.first();
        if (first != null && body.first() != null) {
            throw new InvalidInputException("first: expected it once, as a query parameter or a JSON field, found "
                    + "both (" + first + " and " + body.first() + ")");
        }
        return start(name, first != null ? first : body.first(), params.toRequest().merge(body.parameters()));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Start a job over uploaded images (parts named \"image\") and a \"labels\" field (3,1,4)")
    public Uni<Response> startUploaded(@RestPath String name, @BeanParam ProbeParams params,
            @RestForm(RequestImages.IMAGE_PART) List<FileUpload> images, @RestForm String labels,
            HttpHeaders headers) {
        if (headers.getMediaType() == null) {
            // Quarkus REST routes a request without Content-Type (curl -X POST) here, not to startBundled
            return start(name, params.first(), params.toRequest());
        }
        return service.startUploaded(name, RequestImages.images(images), labels, params.toRequest())
                .map(ProbeJobResource::accepted);
    }

    @GET
    @Operation(summary = "The model's kept probe jobs, without per-image rows")
    public Uni<JobList> list(@RestPath String name) {
        return Uni.createFrom().item(() -> new JobList(service.list(name).stream().map(job -> job.view(false))
                .toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's state and progress, and once it has ended its result with per-image rows")
    public Uni<ProbeJobView> get(@RestPath String name, @RestPath String id) {
        return Uni.createFrom().item(() -> service.get(name, id).view(true));
    }

    @GET
    @Path("/{id}/result.csv")
    @Produces("text/csv")
    @Operation(summary = "A finished job's per-image rows as CSV")
    public Uni<String> csv(@RestPath String name, @RestPath String id) {
        return Uni.createFrom().item(() -> {
            TrackedJob job = service.get(name, id);
            return job.csv().orElseThrow(() -> new JobNotReadyException(id, job.state()));
        });
    }

    @GET
    @Path("/{id}/adversarial/{index}")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "The adversarial example a finished job found for its image {index} (as in its rows), as an "
            + "8-bit PNG; each row with a kept example names this path as adversarial_image")
    public Uni<Response> adversarial(@RestPath String name, @RestPath String id, @RestPath String index) {
        int image = QueryValues.integer("index", index);
        return Uni.createFrom().item(() -> Response.ok(service.adversarialPng(name, id, image), "image/png").build());
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: the job's progress, then one \"done\" event with its result")
    public Multi<JobEvent> events(@RestPath String name, @RestPath String id) {
        return service.get(name, id).events();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a queued or running job (202), or forget a finished one (204)")
    public Uni<Response> delete(@RestPath String name, @RestPath String id) {
        return Uni.createFrom().item(() -> service.cancelOrForget(name, id)
                .map(job -> Response.accepted(job.view(false)).build())
                .orElseGet(() -> Response.noContent().build()));
    }

    private Uni<Response> start(String name, Integer first, AttackRequest request) {
        return service.startBundled(name, first, request).map(ProbeJobResource::accepted);
    }

    /** 202 with the job and its path as {@code Location}, relative to this host: never built from the Host header. */
    private static Response accepted(TrackedJob job) {
        return Response.accepted(job.view(false)).header(HttpHeaders.LOCATION,
                "/v1/models/" + job.model() + "/probe-jobs/" + job.id()).build();
    }
}
