package dev.mixguard.api.v2;

import dev.mixguard.inference.LoadedModel;
import dev.mixguard.model.InputSpec;
import dev.mixguard.model.Knobs;
import dev.mixguard.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/** GET /v2/models/{name}: the model's versions, platform, and its input and output tensors (-1: any size). */
public record ModelMetadata(String name, List<String> versions, String platform, List<Tensor> inputs,
        List<Tensor> outputs) {

    /** KServe's name for ONNX Runtime models. */
    static final String PLATFORM = "onnxruntime_onnx";

    /** One tensor's name, datatype and shape. */
    public record Tensor(String name, String datatype, List<Integer> shape) {
    }

    /** The metadata of a ready model; the knob inputs are listed only when requests may set them. */
    static ModelMetadata of(LoadedModel model, boolean knobInputs) {
        ModelSpec spec = model.spec();
        InputSpec in = spec.input();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(new Tensor(in.name(), Datatypes.FP32, List.of(-1, in.channels(), in.height(), in.width())));
        if (knobInputs) {
            Knobs.NAMES.forEach(knob -> inputs.add(new Tensor(knob, Datatypes.FP32, List.of(1))));
        }
        List<Tensor> outputs = ModelSpec.REQUIRED_OUTPUTS.stream().map(name -> new Tensor(name, Datatypes.FP32,
                OutputPlan.ALPHA.equals(name) ? List.of(-1) : List.of(-1, spec.numClasses()))).toList();
        return new ModelMetadata(spec.name(), List.of(spec.version()), PLATFORM, inputs, outputs);
    }
}
