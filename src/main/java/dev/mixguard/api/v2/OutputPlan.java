package dev.mixguard.api.v2;

import dev.mixguard.model.InvalidInputException;
import dev.mixguard.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One output a request asked for: its name, the top-k of Triton's classification extension (0 for the raw
 * tensor), and whether it travels in the binary part.
 */
record OutputPlan(String name, int classification, boolean binary) {

    /** The output with one value per image rather than one per class. */
    static final String ALPHA = "alpha";

    /** The request's outputs, or every output of the fused graph when it names none. */
    static List<OutputPlan> of(InferRequest request, ModelSpec spec) {
        boolean binaryByDefault = Parameters.flag(request.parameters(), "binary_data_output", "request", false);
        if (request.outputs() == null || request.outputs().isEmpty()) {
            return ModelSpec.REQUIRED_OUTPUTS.stream().map(name -> new OutputPlan(name, 0, binaryByDefault))
                    .toList();
        }
        List<OutputPlan> plans = new ArrayList<>(request.outputs().size());
        for (InferRequest.Output output : request.outputs()) {
            String name = output == null ? null : output.name();
            if (!ModelSpec.REQUIRED_OUTPUTS.contains(name)) {
                throw new InvalidInputException("expected outputs among " + ModelSpec.REQUIRED_OUTPUTS + ", found "
                        + (name == null ? "one without a name" : "\"" + name + "\""));
            }
            Map<String, Object> parameters = output.parameters();
            String owner = "output \"" + name + "\"";
            plans.add(new OutputPlan(name, classification(parameters, owner, name, spec.numClasses()),
                    Parameters.flag(parameters, "binary_data", owner, binaryByDefault)));
        }
        return plans;
    }

    private static int classification(Map<String, Object> parameters, String owner, String name, int classes) {
        Long k = Parameters.longValue(parameters, "classification", owner);
        if (k == null) {
            return 0;
        }
        if (ALPHA.equals(name)) {
            throw new InvalidInputException(owner + ": expected classification on an output with one value per "
                    + "class, found alpha with one value per image");
        }
        if (k < 1 || k > classes) {
            throw new InvalidInputException(owner + ": expected classification 1 to " + classes + ", found " + k);
        }
        return k.intValue();
    }
}
