"""An experiment, not part of the pipeline: does a hand-made alpha that reads only h, alpha = sigmoid(k (m_h - tau))
with m_h h's top-1 minus top-2 logit, sit above the fixed-alpha curve under the card's full suite?

If it does, a mixing net could learn it from h's features alone and inherit h's robustness; on the first 200 to 500
test images every gate tried does (results/attempts.md). Run from models/pipeline:
    /usr/bin/python3 experiments/h_margin_gate.py clean                 # clean accuracy over a grid of k and tau
    /usr/bin/python3 experiments/h_margin_gate.py suite K TAU IMAGES     # the card's suite on the first IMAGES test images
    /usr/bin/python3 experiments/h_margin_gate.py recheck K TAU          # gradient attacks again on its robust images
    /usr/bin/python3 experiments/h_margin_gate.py adopt                  # k 2 stores into the shipped gate's results
Suite results go to results/experiments/ (chunks, resumable, committed), or to the folder STORE names (the stores
there are for the bases the pipeline has now: results/experiments/ holds the first bases'). MIXGUARD_DEVICE=cuda
runs it on a GPU (CHUNK images per chunk, default 100; THREADS threads, default 2).

The gate now ships as the pipeline's mixing function (mgpipe.nets.MarginGate, `run_pipeline.py train gate`): k 2 and
tau are gamma_scale 2 and gamma_bias -2 tau there. Its outputs equal `gated` here bit for bit, and the pipeline's
frontier step reproduced the first 100-image chunk of k 2, tau 1 image by image, attack by attack; so the k 2 stores
here are the pipeline's results for adaptive--(2 tau)-0.0-1.0 and are copied into its results folder."""
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from mgpipe import frontier, worstcase  # noqa: E402
from mgpipe.fused import log_mixture  # noqa: E402
from mgpipe.steps import EPSILON, NAN_FIX, Pipeline  # noqa: E402

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


def adopt(p, fused, store_dir):
    """Copies the k 2 stores to the pipeline's results for its gate (what the pipeline would attack, image for image;
    see the module's docstring), replacing what a copy there holds."""
    if fused.mixer_kind != "gate":
        raise SystemExit(f"expected the pipeline's mixer to be the gate (run_pipeline.py train gate), found "
                         f"{fused.mixer_kind}")
    prefix = "h-margin-gate-k2.0-tau"
    for name in sorted(os.listdir(store_dir)):
        if name.startswith(prefix) and name.endswith(".jsonl"):
            tau = float(name[len(prefix):-len(".jsonl")])
            candidate = frontier.adaptive(-2.0 * tau + 0.0, 0.0)  # + 0.0: tau 0 gives gamma_bias 0.0, not -0.0
            target = os.path.join(p.results(fused, "test", candidate=candidate), f"{candidate['name']}.jsonl")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(store_dir, name), target)
            print(f"{name} -> {os.path.relpath(target, HERE)}")


def main():
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    store_dir = os.environ.get("STORE", os.path.join(HERE, "results", "experiments"))
    device = torch.device(os.environ.get("MIXGUARD_DEVICE", "cpu"))
    p = Pipeline(os.path.join(HERE, "work"), os.path.join(HERE, "results"), os.path.join(HERE, "..", "fashion-mnist"),
                 device)
    fused = p.load_fused()
    g, h = fused.std_model, fused.rob_model
    if sys.argv[1] == "adopt":
        return adopt(p, fused, store_dir)
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
    k, tau = float(sys.argv[2]), float(sys.argv[3])
    x, y = p.split("test")
    predict = gate_predict(g, h, k, tau)
    store = os.path.join(store_dir, f"h-margin-gate-k{k}-tau{tau}.jsonl")
    if sys.argv[1] == "recheck":
        print(json.dumps(worstcase.recheck(store, predict, torch.no_grad()(predict), x, y, EPSILON, NAN_FIX,
                                           where=p.where())))
        return
    count = int(sys.argv[4])
    summary = worstcase.run(f"h-margin gate k {k} tau {tau}", predict, torch.no_grad()(predict), x, y, count,
                            EPSILON, True, store, where=p.where(), chunk=int(os.environ.get("CHUNK", "100")))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
