package dev.mixguard.api.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixguard.api.JsonErrors;
import dev.mixguard.model.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a v2 infer body: JSON alone, or with Triton's binary tensor extension a JSON header of
 * {@code Inference-Header-Content-Length} bytes followed by the raw tensors, each input taking
 * {@code binary_data_size} bytes in order (little-endian).
 */
final class InferRequestReader {

    /** The header that splits a body into its JSON part and its binary part. */
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private InferRequestReader() {
    }

    /** The parsed request; {@code headerLength} is null when the whole body is JSON. */
    static InferRequest parse(ObjectMapper json, byte[] body, Long headerLength) {
        int jsonLength = jsonLength(body, headerLength);
        try {
            InferRequest request = json.readValue(body, 0, jsonLength, InferRequest.class);
            if (request == null || request.inputs() == null || request.inputs().isEmpty()) {
                throw new InvalidInputException("expected a JSON object with \"inputs\", found "
                        + (request == null ? "null" : "no inputs"));
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("expected a KServe v2 infer request, found: " + JsonErrors.found(e));
        } catch (IOException e) {
            throw new InvalidInputException("expected a readable body, found: " + e.getMessage());
        }
    }

    /** The inputs with their values, taking binary ones from the part after the JSON header. */
    static List<InputTensor> inputs(InferRequest request, byte[] body, Long headerLength) {
        ByteBuffer binary = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        binary.position(jsonLength(body, headerLength));
        List<InputTensor> inputs = new ArrayList<>(request.inputs().size());
        for (InferRequest.Input input : request.inputs()) {
            if (input == null || input.name() == null || input.datatype() == null || input.shape() == null) {
                throw new InvalidInputException("expected every input to have \"name\", \"shape\" and \"datatype\","
                        + " found " + input);
            }
            Long size = Parameters.longValue(input.parameters(), "binary_data_size", input.name());
            if (size != null && input.data() != null) {
                throw new InvalidInputException("input \"" + input.name() + "\": expected either \"data\" or "
                        + "binary_data_size, found both");
            }
            float[] values = size != null ? binaryValues(input, binary, size) : input.data();
            if (values == null) {
                throw new InvalidInputException("input \"" + input.name() + "\": expected \"data\" or the "
                        + "binary_data_size parameter, found neither");
            }
            inputs.add(new InputTensor(input.name(), input.datatype(), input.shape(), values));
        }
        if (binary.hasRemaining()) {
            throw new InvalidInputException("expected the binary inputs to use all " + (body.length
                    - jsonLength(body, headerLength)) + " bytes after the JSON header, found " + binary.remaining()
                    + " left over");
        }
        return inputs;
    }

    private static float[] binaryValues(InferRequest.Input input, ByteBuffer binary, long size) {
        int width = Datatypes.width(input.name(), input.datatype());
        if (size < 0 || size % width != 0 || size > binary.remaining()) {
            throw new InvalidInputException("input \"" + input.name() + "\": expected binary_data_size a multiple "
                    + "of " + width + " bytes and at most the " + binary.remaining() + " bytes left, found " + size);
        }
        float[] values = new float[(int) (size / width)];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == Float.BYTES ? binary.getFloat() : binary.get() & 0xff;
        }
        return values;
    }

    private static int jsonLength(byte[] body, Long headerLength) {
        if (headerLength == null) {
            return body.length;
        }
        if (headerLength < 1 || headerLength > body.length) {
            throw new InvalidInputException(HEADER_LENGTH + ": expected 1 to the body's " + body.length
                    + " bytes, found " + headerLength);
        }
        return headerLength.intValue();
    }
}
