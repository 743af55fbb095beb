"""The files committed next to a model: labels, sample PNGs, the probe set and the parity vectors."""
import json
import os
import re

import numpy as np
import torch
from PIL import Image

from . import attacks
from .data import encode_idx
from .evaluate import fused_predict
from .export import knob_tensors

PROBE_COUNT = 1000


def write_labels(folder, labels):
    with open(os.path.join(folder, "labels.txt"), "w") as f:
        f.write("\n".join(labels) + "\n")


def write_samples(folder, images, labels, names):
    """One PNG per class: the first test image of each class, named <test-index>-<label-slug>.png."""
    out = os.path.join(folder, "samples")
    os.makedirs(out, exist_ok=True)
    for cls, name in enumerate(names):
        index = int(np.nonzero(labels == cls)[0][0])
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        Image.fromarray(images[index], mode="L").save(os.path.join(out, f"{index}-{slug}.png"))


@torch.no_grad()
def write_probe_set(folder, fused, knobs, images, labels, count=PROBE_COUNT):
    """The first `count` test images and labels as IDX files, and what the PyTorch fused model predicts."""
    with open(os.path.join(folder, "probe-images.idx"), "wb") as f:
        f.write(encode_idx(images[:count]))
    with open(os.path.join(folder, "probe-labels.idx"), "wb") as f:
        f.write(encode_idx(labels[:count]))
    x = torch.from_numpy(images[:count].astype(np.float32) / 255.0).unsqueeze(1)
    predictions = fused(x, *knob_tensors(knobs))[0].argmax(1).numpy()
    correct = int((predictions == labels[:count]).sum())
    with open(os.path.join(folder, "probe-set.json"), "w") as f:
        json.dump({"count": count, "knobs": knobs, "pytorch_correct": correct,
                   "pytorch_predictions": predictions.tolist()}, f)
    return correct


def write_parity(folder, fused, knobs, x, y, epsilon, seed=0):
    """Parity vectors: the first half of x clean, the second half attacked with adaptive PGD, and all four
    outputs PyTorch computes for them."""
    half = len(x) // 2
    gen = torch.Generator().manual_seed(seed)
    adv, _ = attacks.pgd(fused_predict(fused, knobs), attacks.adaptive_loss(), x[half:], y[half:], epsilon,
                         10, epsilon / 4, gen)
    inputs = torch.cat([x[:half], adv.detach()])
    with torch.no_grad():
        log_probs, alpha, std_logits, rob_logits, _ = fused(inputs, *knob_tensors(knobs))
    flat = lambda t: [float(v) for v in t.reshape(-1)]
    record = {"knobs": knobs, "shape": list(inputs.shape), "inputs": flat(inputs),
              "outputs": {"log_probs": flat(log_probs), "alpha": flat(alpha),
                          "std_logits": flat(std_logits), "rob_logits": flat(rob_logits)}}
    with open(os.path.join(folder, "parity.json"), "w") as f:
        json.dump(record, f)
