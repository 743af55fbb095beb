"""Exports a FusedModel to the fused-graph contract: opset 17, dynamic batch, knob inputs, `mixguard.spec`."""
import json

import onnx
import torch

from .fused import OnnxFusedGraph

OPSET = 17
INPUTS = ["image", "gamma_bias", "alpha_low", "alpha_high"]
OUTPUTS = ["log_probs", "alpha", "std_logits", "rob_logits"]
SPEC_KEY = "mixguard.spec"


def knob_tensors(knobs, device=None):
    """The three knob inputs as float32 tensors of shape [1]."""
    return [torch.tensor([float(knobs[k])], device=device) for k in ("gamma_bias", "alpha_low", "alpha_high")]


def make_spec(fused, name, version, labels, shape, colour, knobs, threat_model, card=None, provenance=None,
              lipschitz=None):
    """The `mixguard.spec` JSON object the service reads (design.md, the fused-graph contract)."""
    c, h, w = shape
    return {
        "name": name, "version": str(version), "labels": list(labels),
        "input": {"name": "image", "channels": c, "height": h, "width": w, "colour": colour},
        "outputs": OUTPUTS,
        "knobs": {k: float(knobs[k]) for k in ("gamma_bias", "alpha_low", "alpha_high")},
        "gamma_scale": float(fused.gamma_scale),
        "std_scale": float(fused.std_scale), "rob_scale": float(fused.rob_scale),
        "threat_model": threat_model, "lipschitz": lipschitz,
        "card": card or {}, "provenance": provenance or {},
    }


def export(fused, spec, path):
    """Writes the fused graph to `path` with `spec` in its metadata, then runs the ONNX checker on it."""
    c, h, w = spec["input"]["channels"], spec["input"]["height"], spec["input"]["width"]
    graph = OnnxFusedGraph(fused).eval()
    example = (torch.rand(2, c, h, w), *knob_tensors(spec["knobs"]))
    dynamic = {"image": {0: "batch"}, "log_probs": {0: "batch"}, "alpha": {0: "batch"},
               "std_logits": {0: "batch"}, "rob_logits": {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(graph, example, path, input_names=INPUTS, output_names=OUTPUTS,
                          dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True)
    model = onnx.load(path)
    entry = model.metadata_props.add()
    entry.key, entry.value = SPEC_KEY, json.dumps(spec, sort_keys=True)
    model.producer_name = "mixguard-pipeline"
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    return model


def read_spec(path):
    """The `mixguard.spec` object of an exported model."""
    model = onnx.load(path)
    for prop in model.metadata_props:
        if prop.key == SPEC_KEY:
            return json.loads(prop.value)
    raise KeyError(f"expected metadata key {SPEC_KEY} in {path}, found {[p.key for p in model.metadata_props]}")
