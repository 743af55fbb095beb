"""The model card's evaluation: clean accuracy and robust accuracy under PGD-CE, adaptive PGD, targeted PGD and
Square, plus the per-image worst case, for g, h, a fixed-alpha mixture and the adaptive mixture."""
import json
import os
import time

import torch
import torch.nn.functional as F

from . import attacks
from .artifacts import fused_predict
from .export import knob_tensors
from .fused import OnnxFusedGraph

PGD_STEPS, PGD_STEP_SIZE = 40, 0.01
FROZEN_INPUT = (1, 28, 28)
TARGETS = 3  # targeted PGD-40 towards each of the 3 runner-up classes of the clean output
SQUARE_QUERIES = int(os.environ.get("MIXGUARD_SQUARE_QUERIES", "5000"))
SQUARE_P_INIT = 0.8
SQUARE_CHUNK = 250  # Square runs per chunk of this many images, each seeded alike: a chunk's result does not
#                    depend on how many chunks run, so an evaluation can be resumed or extended chunk by chunk


def base_predict(model):
    return lambda x: (F.log_softmax(model(x)[0], dim=1), None)


class _LogProbs(torch.nn.Module):
    """A base model's log-probabilities, for tracing."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return F.log_softmax(self.model(x)[0], dim=1)


def frozen_predict(model, knobs=None):
    """A no-grad predict function from a traced, frozen TorchScript copy: the same function (to float rounding)
    about 2.5x faster on this CPU, used for Square and clean passes, which need no gradients."""
    example = torch.rand(8, *FROZEN_INPUT)
    with torch.no_grad():
        if knobs is None:
            module = torch.jit.trace(_LogProbs(model).eval(), example)
            run = lambda x: module(x)
        else:
            k = knob_tensors(knobs)
            module = torch.jit.trace(OnnxFusedGraph(model).eval(), (example, *k))
            run = lambda x: module(x, *k)[0]
        module = torch.jit.optimize_for_inference(torch.jit.freeze(module))
    return lambda x: (run(x), None)


def candidate(fused, name, knobs=None):
    """One of the four classifiers compared in the card: (predict with gamma and gradients, frozen predict).
    g and h stand alone; a mixture is the fused model at `knobs` (alpha_low = alpha_high for the fixed one)."""
    if name in ("standard", "robust"):
        model = fused.std_model if name == "standard" else fused.rob_model
        return base_predict(model), frozen_predict(model)
    return fused_predict(fused, knobs), frozen_predict(fused, knobs)


@torch.no_grad()
def predictions(predict, x, batch=500):
    return torch.cat([predict(x[i:i + batch])[0].argmax(1) for i in range(0, len(x), batch)])


def batched(fn, x, y, batch):
    """Runs fn(x_chunk, y_chunk) -> (robust [n] bool, extra) over chunks and concatenates."""
    robust, extra = [], []
    for i in range(0, len(x), batch):
        r, e = fn(x[i:i + batch], y[i:i + batch])
        robust.append(r)
        extra.append(e)
    return torch.cat(robust), extra


def pgd_robust(predict, loss, epsilon, seed):
    def run(x, y):
        gen = torch.Generator().manual_seed(seed)
        adv, fooled = attacks.pgd(predict, loss, x, y, epsilon, PGD_STEPS, PGD_STEP_SIZE, gen)
        return ~fooled, adv.detach()
    return run


def targeted_robust(predict, epsilon, seed):
    def run(x, y):
        with torch.no_grad():
            ranked = predict(x)[0].argsort(dim=1, descending=True)
        robust = torch.ones(len(x), dtype=torch.bool)
        for rank in range(1, 1 + TARGETS):
            gen = torch.Generator().manual_seed(seed + rank)
            _, fooled = attacks.pgd(predict, attacks.targeted_loss(ranked[:, rank]), x, y, epsilon, PGD_STEPS,
                                    PGD_STEP_SIZE, gen)
            robust &= ~fooled
        return robust, None
    return run


def square_robust(predict, epsilon, seed):
    def run(x, y):
        gen = torch.Generator().manual_seed(seed)
        _, fooled, queries = attacks.square_linf(predict, x, y, epsilon, SQUARE_QUERIES, SQUARE_P_INIT, gen)
        return ~fooled, queries
    return run


def square_sets(fast_predict, x, y, count, epsilon, seed, clean, cache=None):
    """Per-image Square robustness (and clean-correct) on the first `count` images, in SQUARE_CHUNK chunks; with
    `cache(start) -> path`, each finished chunk is kept there and read back instead of attacked again."""
    robust = []
    for start in range(0, count, SQUARE_CHUNK):
        end = min(start + SQUARE_CHUNK, count)
        file = cache(start) if cache else None
        if file and os.path.exists(file):
            kept = json.load(open(file))
            if kept["end"] != end:
                raise SystemExit(f"expected {file} to cover images {start}-{end}, found {start}-{kept['end']}")
            robust.append(torch.tensor(kept["robust"]))
            continue
        chunk, queries = square_robust(fast_predict, epsilon, seed)(x[start:end], y[start:end])
        chunk &= clean[start:end]
        if file:
            json.dump({"end": end, "robust": chunk.tolist(), "queries": queries.tolist()}, open(file + ".tmp", "w"))
            os.replace(file + ".tmp", file)
        robust.append(chunk)
    return torch.cat(robust)


def mean_alpha(fused, knobs, x, batch=500):
    k = [torch.tensor([float(knobs[n])]) for n in ("gamma_bias", "alpha_low", "alpha_high")]
    with torch.no_grad():
        return float(torch.cat([fused(x[i:i + batch], *k)[1] for i in range(0, len(x), batch)]).mean())


def evaluate_model(name, predict, fast_predict, x_test, y_test, attack_count, square_count, epsilon, seed, log,
                   batch=250, square_cache=None):
    """One row of the card. Images the clean model already gets wrong count as not robust. `square_cache(start)`
    names a file that keeps the Square chunk starting at image `start` (see square_sets)."""
    clean = predictions(fast_predict, x_test) == y_test
    xa, ya = x_test[:attack_count], y_test[:attack_count]
    row, robust_sets = {"clean": float(clean.float().mean())}, {}
    for attack, fn in (("pgd_ce", pgd_robust(predict, attacks.ce_loss, epsilon, seed)),
                       ("pgd_adaptive", pgd_robust(predict, attacks.adaptive_loss(), epsilon, seed + 1)),
                       ("targeted", targeted_robust(predict, epsilon, seed + 2))):
        start = time.time()
        robust, extra = batched(fn, xa, ya, batch)
        robust_sets[attack] = robust & clean[:attack_count]
        if attack == "pgd_adaptive":
            row["_adversarial"] = torch.cat(extra)
        log(f"{name} {attack}: {float(robust_sets[attack].float().mean()):.4f} ({time.time() - start:.0f}s)")
    start = time.time()
    robust_sets["square"] = square_sets(fast_predict, x_test, y_test, square_count, epsilon, seed + 3, clean,
                                        square_cache)
    log(f"{name} square: {float(robust_sets['square'].float().mean()):.4f} ({time.time() - start:.0f}s)")
    row["robust"], row["_per_image"] = summarize(robust_sets)
    return row


def summarize(robust_sets):
    """Robust accuracy per attack, and the per-image worst case over all four on the images Square ran on:
    ({attack: accuracy, "worst": accuracy}, {attack: per-image list})."""
    worst = robust_sets["square"].clone()
    for attack in ("pgd_ce", "pgd_adaptive", "targeted"):
        worst &= robust_sets[attack][:len(worst)]
    accuracy = {k: float(v.float().mean()) for k, v in robust_sets.items()}
    accuracy["worst"] = float(worst.float().mean())
    return accuracy, {k: v.tolist() for k, v in robust_sets.items()}
