"""Writes the CIFAR-size benchmark graph (random weights, same contract) to bench/work/models/bench-cifar/model.onnx (git-ignored).

    /usr/bin/python3 models/pipeline/make_bench_model.py [OUT_DIR]

g = ResNet-18, h = WRN-16-8, mixing net MixingNetV4-style on their stage-1/stage-2 taps; 3x32x32 RGB input.
It exists for performance work only: its predictions mean nothing.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mgpipe import export  # noqa: E402
from mgpipe.cifar_nets import ResNet18, WideResNet  # noqa: E402
from mgpipe.fused import FusedModel  # noqa: E402
from mgpipe.nets import MixingNet  # noqa: E402

CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def build(seed=0):
    torch.manual_seed(seed)
    g, h = ResNet18(), WideResNet(16, 8)
    mixer = MixingNet(g.widths[0] + h.widths[0], g.widths[1] + h.widths[1], planes=(128, 192, 256))
    return FusedModel(g, h, mixer).eval()


def main(out):
    os.makedirs(out, exist_ok=True)
    fused = build()
    params = sum(p.numel() for p in fused.parameters())
    spec = export.make_spec(fused, "bench-cifar", "1", CIFAR10, (3, 32, 32), "rgb",
                            {"gamma_bias": 1.0, "alpha_low": 0.5, "alpha_high": 1.0},
                            {"norm": "linf", "epsilon": 8 / 255, "l2_epsilon": 0.5},
                            card={"random_weights": True, "parameters": params},
                            provenance={"pipeline": "models/pipeline/make_bench_model.py"})
    export.export(fused, spec, os.path.join(out, "model.onnx"))
    with open(os.path.join(out, "labels.txt"), "w") as f:
        f.write("\n".join(CIFAR10) + "\n")
    print(f"wrote {out}/model.onnx ({params / 1e6:.1f}M parameters, random weights)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "work", "models", "bench-cifar"))
