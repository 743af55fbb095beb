package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.ErrorMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the probe-job routes' own failures to JSON errors: 404 unknown job or no such image, 409 not ended. */
public class JobErrorMappers {

    @ServerExceptionMapper
    public Response unknownJob(UnknownJobException e) {
        return ErrorMappers.error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response noAdversarialImage(NoAdversarialImageException e) {
        return ErrorMappers.error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notReady(JobNotReadyException e) {
        return ErrorMappers.error(Response.Status.CONFLICT, e.getMessage());
    }
}
