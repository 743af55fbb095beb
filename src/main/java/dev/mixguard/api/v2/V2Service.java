package dev.mixguard.api.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.mixguard.config.KnobsConfig;
import dev.mixguard.config.LimitsConfig;
import dev.mixguard.inference.BatchResult;
import dev.mixguard.inference.InferenceService;
import dev.mixguard.inference.LoadedModel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The v2 model routes' work: finds the model (and checks the version when one is named), answers metadata and
 * readiness, and runs infer requests through the shared batcher.
 */
@ApplicationScoped
public class V2Service {

    /**
     * JSON with its charset already named: Quarkus REST adds {@code charset=UTF-8} to a JSON type without one by
     * building a new media type for every response, which a profile of v2 infer showed at 4% of the event loop.
     */
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final InferenceService inference;
    private final KnobsConfig knobs;
    private final LimitsConfig limits;
    private final ObjectMapper json;
    private final ObjectWriter writer;

    V2Service(InferenceService inference, KnobsConfig knobs, LimitsConfig limits, ObjectMapper json) {
        this.inference = inference;
        this.knobs = knobs;
        this.limits = limits;
        this.json = json;
        this.writer = json.writerFor(InferResponse.class);
    }

    /** The model's metadata; {@code version} may be null. */
    public ModelMetadata metadata(String name, String version) {
        return ModelMetadata.of(model(name, version), knobs.requestOverrides());
    }

    /** 200 with {@code {"name", "ready": true}}; unknown models give 404 and models not ready 503. */
    public Map<String, Object> ready(String name, String version) {
        return Map.of("name", model(name, version).name(), "ready", true);
    }

    /** Runs an infer request: JSON, or JSON then binary tensors when {@code headerLength} is given. */
    public Uni<Response> infer(String name, String version, Long headerLength, byte[] body) {
        LoadedModel model = model(name, version);
        InferRequest request = InferRequestReader.parse(json, body, headerLength);
        List<OutputPlan> outputs = OutputPlan.of(request, model.spec());
        InferInputs.Decoded decoded = InferInputs.decode(InferRequestReader.inputs(request, body, headerLength),
                model, knobs.requestOverrides(), limits.maxBatch());
        return inference.run(model, decoded.images(), decoded.knobs())
                .map(result -> respond(model, request, outputs, result));
    }

    /**
     * The answer as bytes serialised here with a writer made once, so Quarkus REST sends them as they are rather
     * than looking up a writer for each response: JSON alone, or the JSON header then the binary outputs.
     */
    private Response respond(LoadedModel model, InferRequest request, List<OutputPlan> outputs, BatchResult result) {
        InferOutputs.Built built = InferOutputs.build(outputs, result.scores(), model.spec());
        InferResponse response = new InferResponse(model.name(), model.spec().version(), request.id(),
                built.tensors());
        byte[] header;
        try {
            header = writer.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("expected the response to serialise, found " + e.getMessage(), e);
        }
        if (built.binary().length == 0) {
            return Response.ok(header, JSON_UTF8).build();
        }
        byte[] body = new byte[header.length + built.binary().length];
        System.arraycopy(header, 0, body, 0, header.length);
        System.arraycopy(built.binary(), 0, body, header.length, built.binary().length);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(InferRequestReader.HEADER_LENGTH, header.length).build();
    }

    private LoadedModel model(String name, String version) {
        LoadedModel model = inference.model(name);
        if (version != null && !version.equals(model.spec().version())) {
            throw new UnknownVersionException(name, model.spec().version(), version);
        }
        return model;
    }
}
