package dev.mixguard.api.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One output of an infer response; {@code data} is absent when the tensor travels in the binary part, and
 * {@code parameters} then holds its {@code binary_data_size}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputTensor(String name, String datatype, List<Integer> shape, Map<String, Object> parameters,
        Object data) {
}
