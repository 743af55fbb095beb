package dev.mixguard.api.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON of a v2 infer response: model, version, the request's id when it had one, and the outputs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferResponse(String modelName, String modelVersion, String id, List<OutputTensor> outputs) {
}
