package dev.mixguard.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The names, element types and shapes of a graph's inputs and outputs, detached from ONNX Runtime. */
public record GraphSignature(Map<String, Tensor> inputs, Map<String, Tensor> outputs) {

    /** One graph value: element type ("FLOAT", ..., or the non-tensor kind) and shape, -1 for dynamic dims. */
    public record Tensor(String type, long[] shape) {

        /** The shape as "[N,1,28,28]", with dynamic dimensions shown as "?". */
        public String shapeText() {
            return GraphSignature.shapeText(shape);
        }
    }

    /** Reads the signature of an open session. */
    public static GraphSignature of(OrtSession session) throws OrtException {
        return new GraphSignature(describe(session.getInputInfo()), describe(session.getOutputInfo()));
    }

    /** Formats a shape as "[?,1,28,28]". */
    public static String shapeText(long[] shape) {
        return Arrays.toString(Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).toArray())
                .replace(" ", "");
    }

    private static Map<String, Tensor> describe(Map<String, NodeInfo> nodes) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo info) {
                tensors.put(name, new Tensor(info.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", ""),
                        info.getShape()));
            } else {
                tensors.put(name, new Tensor(node.getInfo().getClass().getSimpleName(), new long[0]));
            }
        });
        return tensors;
    }
}
