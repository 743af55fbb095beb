package dev.mixguard.api;

import dev.mixguard.config.LimitsConfig;
import dev.mixguard.config.ProbeConfig;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * Names what went wrong when Quarkus REST's multipart parser gave up: too many parts (413 naming the image limit of
 * the route), a form field over its size limit (413 naming it), or a body cut short or malformed (400). The parser
 * throws untyped exceptions, so they are told apart here, in one place, by type and message.
 */
@ApplicationScoped
public class MultipartFailures {

    private static final Pattern PART_LIMIT = Pattern.compile("Param limit of (\\d+) was exceeded");
    private static final String CUT_SHORT = "Connection terminated";

    private final int maxBatch;
    private final int maxJobImages;
    private final long maxAttribute;
    private final Optional<MemorySize> maxBody;

    MultipartFailures(LimitsConfig limits, ProbeConfig probe,
            @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size") MemorySize maxAttribute,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        this.maxBatch = limits.maxBatch();
        this.maxJobImages = probe.maxJobImages();
        this.maxAttribute = maxAttribute.asLongValue();
        this.maxBody = maxBody;
    }

    /** The answer for a failure of the multipart parser on {@code path}, or empty when {@code e} is not one. */
    public Optional<Response> of(Throwable e, String path) {
        Matcher parts = e.getMessage() == null ? null : PART_LIMIT.matcher(e.getMessage());
        if (e.getClass() == RuntimeException.class && parts != null && parts.matches()) {
            return Optional.of(ErrorMappers.error(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    tooManyParts(path, parts.group(1))));
        }
        if (e instanceof MultipartParser.MalformedMessageException) {
            return Optional.of(ErrorMappers.error(Response.Status.BAD_REQUEST, "expected multipart parts with "
                    + "well-formed headers, found malformed ones"));
        }
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().startsWith(CUT_SHORT)) {
            return Optional.of(ErrorMappers.error(Response.Status.BAD_REQUEST, "expected the multipart body to end "
                    + "with its closing boundary (--BOUNDARY--), found it cut short"));
        }
        return Optional.empty();
    }

    /** The 413 message for a multipart body that went over a size limit while being parsed. */
    public String tooLarge() {
        return "expected every form field that is not a file (a part without a filename whose Content-Type is not "
                + "image/png, image/jpeg or application/octet-stream) to hold at most " + maxAttribute + " bytes "
                + "(quarkus.http.limits.max-form-attribute-size)" + maxBody.map(max -> ", and the whole body at most "
                        + max.asLongValue() + " bytes (quarkus.http.limits.max-body-size)").orElse("")
                + ", found a larger one";
    }

    private String tooManyParts(String path, String frameworkLimit) {
        String found = ", found more than " + frameworkLimit + " parts (quarkus.http.limits.max-parameters)";
        if (path.endsWith("/probe-jobs")) {
            return "expected at most " + maxJobImages + " images (mixguard.probe.max-job-images) and a labels field"
                    + found;
        }
        if (path.endsWith("/probe")) {
            return "expected exactly one image to probe" + found;
        }
        return "expected at most " + maxBatch + " images per request (mixguard.limits.max-batch)" + found;
    }
}
