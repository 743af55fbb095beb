#!/usr/bin/python3
"""How far lower-precision engines drift from a model's parity vectors: grounds the self-check's tolerances.

Rebuilds the fused model from models/<model>/weights with the pipeline's own modules, runs its parity vectors
(parity.json) and its probe set on each engine at hand, and prints per output the largest absolute error and the
largest error as the service's self-check measures it (absolute where |expected| <= 1, relative above), plus the
probe set's clean count against the one recorded in probe-set.json. Engines: PyTorch on CPU (fp32); on a GPU
PyTorch in strict fp32, in TF32 (what cuDNN, cuBLAS and TensorRT may use for fp32) and in fp16; and ONNX Runtime's
CPU provider on model.onnx when the Python package is installed. Writes a Markdown table (and --out).

  /usr/bin/python3 bench/self-check-precision.py --out bench/results/self-check-precision.md
"""
import argparse
import copy
import json
import os
import platform
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "models", "pipeline"))
from mgpipe.fused import FusedModel, build_fashion_models  # noqa: E402

OUTPUTS = ("log_probs", "alpha", "std_logits", "rob_logits")


def load_fused(folder):
    g, h, m = build_fashion_models()
    load = lambda name: torch.load(os.path.join(folder, "weights", name), map_location="cpu", weights_only=False)
    g.load_state_dict(load("standard.pt"))
    h.load_state_dict(load("robust.pt"))
    fused = FusedModel(g, h, m)
    state = load("mixer.pt")
    fused.mixer.load_state_dict(state["mixer"])
    fused.bn.load_state_dict(state["bn"])
    return fused.eval()


def read_probe_set(folder):
    with open(os.path.join(folder, "probe-images.idx"), "rb") as f:
        _, count, rows, cols = struct.unpack(">IIII", f.read(16))
        images = torch.frombuffer(bytearray(f.read(count * rows * cols)), dtype=torch.uint8)
    with open(os.path.join(folder, "probe-labels.idx"), "rb") as f:
        f.read(8)
        labels = torch.frombuffer(bytearray(f.read(count)), dtype=torch.uint8).long()
    return images.reshape(count, 1, rows, cols).float() / 255.0, labels


def errors(expected, actual):
    """(largest |a - e|, largest |a - e| / max(1, |e|)) over all values; a non-finite value counts as infinite."""
    expected, actual = expected.double(), actual.double().reshape(expected.shape)
    diff = (actual - expected).abs()
    diff = torch.where(torch.isfinite(diff), diff, torch.full_like(diff, float("inf")))
    return diff.max().item(), (diff / expected.abs().clamp(min=1.0)).max().item()


def torch_engine(fused, device, dtype, tf32):
    model = copy.deepcopy(fused).to(device=device, dtype=dtype)

    def run(images, knobs):
        torch.backends.cuda.matmul.allow_tf32 = tf32
        torch.backends.cudnn.allow_tf32 = tf32
        k = [torch.tensor([v], device=device, dtype=dtype) for v in knobs]
        outs = []
        with torch.no_grad():
            for start in range(0, len(images), 256):
                outs.append([o.float().cpu() for o in model(images[start:start + 256].to(device, dtype), *k)[:4]])
        return [torch.cat([o[i] for o in outs]) for i in range(4)]
    return run


def ort_engine(path):
    import numpy as np
    import onnxruntime as ort
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])

    def run(images, knobs):
        feeds = {"image": images.numpy().astype(np.float32)}
        feeds.update({name: np.array([v], dtype=np.float32) for name, v in zip(("gamma_bias", "alpha_low",
                                                                                "alpha_high"), knobs)})
        return [torch.from_numpy(o) for o in session.run(list(OUTPUTS), feeds)]
    return run, ort.__version__


def engines(fused, folder):
    found = [("PyTorch %s CPU fp32" % torch.__version__, torch_engine(fused, "cpu", torch.float32, False))]
    if torch.cuda.is_available():
        name = torch.cuda.get_device_name(0)
        found += [("PyTorch CUDA fp32 strict (%s)" % name, torch_engine(fused, "cuda", torch.float32, False)),
                  ("PyTorch CUDA TF32 (%s)" % name, torch_engine(fused, "cuda", torch.float32, True)),
                  ("PyTorch CUDA fp16 (%s)" % name, torch_engine(fused, "cuda", torch.float16, False))]
    try:
        run, version = ort_engine(os.path.join(folder, "model.onnx"))
        found.append(("ONNX Runtime %s CPU (Python)" % version, run))
    except ImportError:
        pass
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default=os.path.join(HERE, "..", "models", "fashion-mnist"))
    p.add_argument("--out")
    args = p.parse_args()
    torch.set_num_threads(min(8, os.cpu_count() or 1))
    with open(os.path.join(args.model, "parity.json")) as f:
        parity = json.load(f)
    with open(os.path.join(args.model, "probe-set.json")) as f:
        recorded = json.load(f)
    inputs = torch.tensor(parity["inputs"], dtype=torch.float32).reshape(parity["shape"])
    expected = [torch.tensor(parity["outputs"][name], dtype=torch.float64) for name in OUTPUTS]
    knobs = [parity["knobs"][k] for k in ("gamma_bias", "alpha_low", "alpha_high")]
    probe_knobs = [recorded["knobs"][k] for k in ("gamma_bias", "alpha_low", "alpha_high")]
    images, labels = read_probe_set(args.model)
    fused = load_fused(args.model)
    lines = ["| engine | " + " | ".join(f"{o} abs / self-check" for o in OUTPUTS)
             + " | probe set correct (recorded %d) | predictions unlike PyTorch's |" % recorded["pytorch_correct"],
             "|---|" + "---|" * (len(OUTPUTS) + 2)]
    for name, run in engines(fused, args.model):
        cells = ["%.2e / %.2e" % errors(e, a) for e, a in zip(expected, run(inputs, knobs))]
        predicted = run(images, probe_knobs)[0].argmax(1)
        correct = int((predicted == labels).sum())
        unlike = int((predicted != torch.tensor(recorded["pytorch_predictions"])).sum())
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {correct} | {unlike} |")
        print(lines[-1], flush=True)
    report = "\n".join([f"Parity vectors: {parity['shape'][0]} ({args.model}); machine: {platform.machine()}, "
                        f"torch {torch.__version__}", ""] + lines) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)


if __name__ == "__main__":
    main()
