"""An experiment, not part of the pipeline: does a hand-made alpha that reads only h, alpha = sigmoid(k (m_h - tau))
with m_h h's top-1 minus top-2 logit, sit above the fixed-alpha curve under the card's full suite?

If it does, a mixing net could learn it from h's features alone and inherit h's robustness; on the first 200 to 500
test images every gate tried does (results/attempts.md). Run from models/pipeline:
    /usr/bin/python3 experiments/h_margin_gate.py clean                 # clean accuracy over a grid of k and tau
    /usr/bin/python3 experiments/h_margin_gate.py suite K TAU IMAGES     # the card's suite on the first IMAGES test images
Suite results go to results/experiments/ (chunks, resumable, committed). MIXGUARD_DEVICE=cuda runs it on a GPU
(CHUNK images per chunk, default 100)."""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from mgpipe import worstcase  # noqa: E402
from mgpipe.fused import log_mixture  # noqa: E402
from mgpipe.steps import EPSILON, Pipeline  # noqa: E402

HERE = os.path.join(os.path.dirname(__file__), "..")


def margin(logits):
    top2 = logits.topk(2, dim=1).values
    return top2[:, 0] - top2[:, 1]


def gated(std_logits, rob_logits, k, tau):
    """(log-mixture, gamma) with gamma = k (m_h - tau) and alpha = sigmoid(gamma), at logit scales (1, 1)."""
    gamma = k * (margin(rob_logits) - tau)
    return log_mixture(std_logits, rob_logits, torch.sigmoid(gamma), 1.0, 1.0), gamma


def gate_predict(g, h, k, tau):
    """The gate as an attack's predict function."""
    return lambda x: gated(g(x)[0], h(x)[0], k, tau)


def main():
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    store_dir = os.path.join(HERE, "results", "experiments")
    device = torch.device(os.environ.get("MIXGUARD_DEVICE", "cpu"))
    p = Pipeline(os.path.join(HERE, "work"), store_dir, os.path.join(HERE, "..", "fashion-mnist"), device)
    fused = p.load_fused()
    g, h = fused.std_model, fused.rob_model
    if sys.argv[1] == "clean":
        for split in ("heldout", "test"):
            x, y = p.split(split)
            with torch.no_grad():
                gl, hl = g(x)[0], h(x)[0]
            for k in (2.0, 8.0):
                for tau in (0.5, 1.0, 1.5, 2.0, 3.0):
                    log_probs, gamma = gated(gl, hl, k, tau)
                    acc = (log_probs.argmax(1) == y).float().mean().item()
                    print(f"{split} k {k} tau {tau}: clean {acc:.4f}, mean alpha {torch.sigmoid(gamma).mean():.3f}")
        return
    k, tau, count = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    x, y = p.split("test")
    predict = gate_predict(g, h, k, tau)
    store = os.path.join(store_dir, f"h-margin-gate-k{k}-tau{tau}.jsonl")
    summary = worstcase.run(f"h-margin gate k {k} tau {tau}", predict, torch.no_grad()(predict), x, y, count,
                            EPSILON, True, store, where=p.where(), chunk=int(os.environ.get("CHUNK", "100")))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
