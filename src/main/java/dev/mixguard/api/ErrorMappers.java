package dev.mixguard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.mixguard.image.ImageDecodingException;
import dev.mixguard.image.ImageTooLargeException;
import dev.mixguard.inference.InferenceException;
import dev.mixguard.inference.ModelUnavailableException;
import dev.mixguard.inference.OverloadedException;
import dev.mixguard.inference.UnknownModelException;
import dev.mixguard.model.InvalidInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to a JSON {@code {"error": "expected X, found Y"}} with the right status; no stack traces. */
public class ErrorMappers {

    private final MultipartFailures multipart;

    ErrorMappers(MultipartFailures multipart) {
        this.multipart = multipart;
    }

    /** What the classify route accepts, for 415 messages. */
    static final String ACCEPTED_TYPES = "image/png, image/jpeg, multipart/form-data or application/json";

    private static final String JSON_FORMS = "JSON {\"images\": [base64, ...]} or "
            + "{\"tensor\": {\"shape\": [N, C, H, W], \"data\": [...]}}";

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response undecodable(ImageDecodingException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response imageTooLarge(ImageTooLargeException e) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response batchTooLarge(BatchTooLargeException e) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownModel(UnknownModelException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(ModelUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return error(Response.Status.BAD_REQUEST, jsonMessage(e));
    }

    @ServerExceptionMapper
    public Response inference(InferenceException e) {
        return error(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage() + "; "
                + InternalErrors.logged(e, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri, Request request) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String message = switch (status.getStatusCode()) {
            case 400 -> e.getCause() instanceof JsonProcessingException json ? jsonMessage(json) : e.getMessage();
            case 404 -> "expected a known route, found " + uri.getPath();
            case 405 -> "expected a method that " + uri.getPath() + " supports, found " + request.getMethod();
            case 406 -> "expected to answer application/json, found Accept: " + headers.getHeaderString("Accept");
            case 413 -> MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(headers.getMediaType()) ? multipart.tooLarge()
                    : "expected a smaller body (quarkus.http.limits.max-body-size), found a larger one";
            case 415 -> "expected Content-Type " + ACCEPTED_TYPES + ", found "
                    + (headers.getMediaType() == null ? "none" : headers.getMediaType());
            default -> e.getMessage();
        };
        return error(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        var parse = multipart.of(e, uri.getPath());
        if (parse.isPresent()) {
            return parse.get();
        }
        return error(Response.Status.INTERNAL_SERVER_ERROR, "expected the request to complete, found an "
                + "internal error; " + InternalErrors.logged(e, "unexpected failure on " + uri.getPath()));
    }

    private static String jsonMessage(JsonProcessingException e) {
        return "expected " + JSON_FORMS + ", found: " + JsonErrors.found(e);
    }

    public static Response error(Response.StatusType status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
