package dev.mixguard.api.v2;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * The JSON part of a KServe v2 infer request: optional id and parameters, the input tensors, and the outputs
 * wanted (all of them when absent).
 */
public record InferRequest(String id, Map<String, Object> parameters, List<Input> inputs, List<Output> outputs) {

    /**
     * One input tensor; {@code data} is row-major, flat or nested, and absent when the tensor comes in the binary
     * part ({@code parameters.binary_data_size}).
     */
    public record Input(String name, List<Long> shape, String datatype, Map<String, Object> parameters,
            @JsonDeserialize(using = TensorDataDeserializer.class) float[] data) {
    }

    /** One requested output, with Triton's {@code classification} and {@code binary_data} parameters. */
    public record Output(String name, Map<String, Object> parameters) {
    }
}
