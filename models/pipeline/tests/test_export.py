import json
import os
import subprocess

import onnx
import pytest
import torch

from mgpipe import export, worstcase
from mgpipe.fused import FusedModel, build_fashion_models

ORT_NODE = os.environ.get("MIXGUARD_ORT_NODE", os.path.expanduser("~/.cache/mixguard-ort-node/node_modules"))
HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.join(HERE, "..", "..", "fashion-mnist")
KNOBS = {"gamma_bias": 0.9, "alpha_low": 0.25, "alpha_high": 0.95}
SPEC_FIELDS = {"name", "version", "labels", "input", "outputs", "knobs", "gamma_scale", "std_scale", "rob_scale",
               "threat_model", "lipschitz", "card", "provenance"}


def run_with_onnxruntime(path, feeds):
    """Runs the model in onnxruntime-node (there is no Python onnxruntime package on Debian)."""
    assert os.path.isdir(os.path.join(ORT_NODE, "onnxruntime-node")), \
        f"expected onnxruntime-node under {ORT_NODE} (installed by .ci/run), found none"
    request = {"feeds": {k: {"dims": list(v.shape), "data": v.reshape(-1).tolist()} for k, v in feeds.items()}}
    done = subprocess.run(["node", os.path.join(HERE, "ort_run.mjs"), path], input=json.dumps(request).encode(),
                          capture_output=True, env=dict(os.environ, MIXGUARD_ORT_NODE=ORT_NODE), timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return {k: torch.tensor(v["data"]).reshape(v["dims"]) for k, v in json.loads(done.stdout).items()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    torch.manual_seed(0)
    fused = FusedModel(*build_fashion_models(4, 4), std_scale=1.5, rob_scale=0.7)
    fused.bn.running_mean.fill_(0.3)
    fused.bn.running_var.fill_(2.0)
    fused.eval()
    spec = export.make_spec(fused, "tiny", "7", [str(i) for i in range(10)], (1, 28, 28), "grey", KNOBS,
                            {"norm": "linf", "epsilon": 0.1}, card={"clean": 0.1})
    path = str(tmp_path_factory.mktemp("export") / "model.onnx")
    export.export(fused, spec, path)
    return fused, path


def test_exported_graph_passes_the_checker_with_the_contract_signature(tiny):
    _, path = tiny
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    assert [i.name for i in model.graph.input] == export.INPUTS
    assert [o.name for o in model.graph.output] == export.OUTPUTS
    assert model.opset_import[0].version == 17
    batch_dim = model.graph.input[0].type.tensor_type.shape.dim[0]
    assert batch_dim.dim_param == "batch"
    knob_dims = [d.dim_value for d in model.graph.input[1].type.tensor_type.shape.dim]
    assert knob_dims == [1]


def test_exported_metadata_carries_the_complete_spec(tiny):
    _, path = tiny
    spec = export.read_spec(path)
    assert SPEC_FIELDS <= set(spec)
    assert spec["knobs"] == KNOBS and spec["std_scale"] == 1.5 and spec["rob_scale"] == pytest.approx(0.7)
    assert spec["input"] == {"name": "image", "channels": 1, "height": 28, "width": 28, "colour": "grey"}


def test_onnxruntime_reproduces_pytorch_at_several_batch_sizes_and_knobs(tiny):
    fused, path = tiny
    for n, knobs in ((1, KNOBS), (5, {"gamma_bias": -2.0, "alpha_low": 0.6, "alpha_high": 0.6})):
        x = torch.rand(n, 1, 28, 28)
        k = export.knob_tensors(knobs)
        out = run_with_onnxruntime(path, dict(zip(export.INPUTS, [x, *k])))
        with torch.no_grad():
            expected = fused(x, *k)[:4]
        for name, want in zip(export.OUTPUTS, expected):
            assert out[name].shape == want.shape, name
            assert torch.allclose(out[name], want, atol=1e-5), name


def test_committed_model_metadata_has_every_field_the_service_reads():
    path = os.path.join(MODEL_DIR, "model.onnx")
    spec = export.read_spec(path)
    assert SPEC_FIELDS <= set(spec)
    assert len(spec["labels"]) == 10
    knobs = spec["knobs"]
    assert 0 <= knobs["alpha_low"] <= knobs["alpha_high"] <= 1
    assert spec["threat_model"]["norm"] == "linf" and spec["threat_model"]["epsilon"] == 0.1
    model = onnx.load(path)
    assert [i.name for i in model.graph.input] == export.INPUTS
    assert [o.name for o in model.graph.output] == export.OUTPUTS


def test_committed_card_reports_running_accuracies_as_fractions_that_only_fall():
    card = export.read_spec(os.path.join(MODEL_DIR, "model.onnx"))["card"]
    assert card["threat_model"]["epsilon"] == 0.1 and card["attacks"]["apgd"]["iterations"] == 100
    assert card["attacks"]["apgd-t"]["targets"] == 9 and card["attacks"]["square"]["queries"] == 5000
    for point in card["frontier"]:
        order = worstcase.suite(point["kind"] == "adaptive" and point["name"] not in ("g", "h"))
        running = [point["clean"]] + [point["after"][a] for a in order]
        assert all(0 <= v <= 1 for v in running), point["name"]
        assert running == sorted(running, reverse=True), point["name"]  # each attack only removes images
        assert point["worst"] == running[-1], point["name"]


def test_onnxruntime_reproduces_the_margin_gate(tmp_path):
    torch.manual_seed(1)
    fused = FusedModel(*build_fashion_models(4, 4, mixer="gate")).eval()
    knobs = {"gamma_bias": -1.0, "alpha_low": 0.0, "alpha_high": 1.0}
    spec = export.make_spec(fused, "gate", "1", [str(i) for i in range(10)], (1, 28, 28), "grey", knobs,
                            {"norm": "linf", "epsilon": 0.1})
    path = str(tmp_path / "gate.onnx")
    export.export(fused, spec, path)
    x, k = torch.rand(7, 1, 28, 28), export.knob_tensors(knobs)
    out = run_with_onnxruntime(path, dict(zip(export.INPUTS, [x, *k])))
    with torch.no_grad():
        expected = fused(x, *k)[:4]
    for name, want in zip(export.OUTPUTS, expected):
        assert torch.allclose(out[name], want, atol=1e-5), name
    assert float(out["alpha"].std()) > 0  # the gate moves alpha per input
