"""An experiment, not part of the pipeline: do g and h gain from more training stages, started from the committed
weights? Every gate setting inherits h's robust images and takes g's answer where h is unsure, so better bases move
the whole adaptive frontier (results/attempts.md, "Where the gate loses").

    /usr/bin/python3 experiments/continue_bases.py train standard EPOCHS LR   # one more one-cycle stage for g
    /usr/bin/python3 experiments/continue_bases.py train robust EPOCHS LR     # the same for h, with h's PGD training
    /usr/bin/python3 experiments/continue_bases.py wide KIND WIDTH EPOCHS LR  # from scratch at another width
    /usr/bin/python3 experiments/continue_bases.py trades WIDTH EPOCHS LR BETA  # h from scratch by TRADES
    /usr/bin/python3 experiments/continue_bases.py eps WIDTH EPOCHS LR EPS      # h from scratch, PGD training at EPS
    /usr/bin/python3 experiments/continue_bases.py hinge WIDTH EPOCHS LR KAPPA WEIGHT  # h, PGD plus a margin hinge
    /usr/bin/python3 experiments/continue_bases.py compare                    # clean accuracy, before and after

The stage is `train.train_classifier` with the recipe of steps.BASES (the same adversary for h), its seed the next
stage's. Checkpoints go to work/experiments/ after every epoch and resume; the finished weights to
work/experiments/KIND-stageN.pt; a second
`train` of the same kind starts a further stage from there. Run with MIXGUARD_THREADS (default 1) threads."""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from mgpipe import train  # noqa: E402
from mgpipe.fused import build_fashion_models, width_of  # noqa: E402
from mgpipe.steps import BASES, Pipeline, widths  # noqa: E402

HERE = os.path.join(os.path.dirname(__file__), "..")
WORK = os.path.join(HERE, "work", "experiments")


def pipeline():
    return Pipeline(os.path.join(HERE, "work"), os.path.join(HERE, "results"),
                    os.path.join(HERE, "..", "fashion-mnist"), torch.device("cpu"))


def fresh(kind, width=None):
    """A new g (kind standard) or h (robust), at the recipe's width unless `width`; built as the pipeline builds it
    (g first, then h), so a seed gives the same initial weights."""
    std_width, rob_width = widths()
    if width is not None:
        std_width, rob_width = (width, rob_width) if kind == "standard" else (std_width, width)
    g, h, _ = build_fashion_models(std_width, rob_width)
    return g if kind == "standard" else h


def trained(kind, weights):
    """g or h from a weights file, at the width the weights have."""
    state = train.load(weights)
    m = fresh(kind, width_of(state))
    m.load_state_dict(state)
    return m


def next_stage(kind, p):
    """(stage number, weights it starts from): the first stage after steps.BASES's whose weights are not here yet."""
    first = stage = len(BASES[kind]["stages"])
    while os.path.exists(os.path.join(WORK, f"{kind}-stage{stage}.pt")):
        stage += 1
    return stage, (p.weights(kind) if stage == first else os.path.join(WORK, f"{kind}-stage{stage - 1}.pt"))


def run(p, kind, m, name, epochs, lr, seed, started, adversary=None):
    """One one-cycle stage of `m` with `adversary`, by default steps.BASES's for `kind`, checkpointed as
    work/experiments/NAME.ckpt; the finished weights go to NAME.pt."""
    x, y = p.split("train")
    x_val, y_val = p.split("heldout")
    os.makedirs(WORK, exist_ok=True)
    train.log(f"{name}: {epochs} epochs, peak lr {lr}, {started} "
              f"(held-out accuracy {train.accuracy(m, x_val, y_val):.4f}, {sum(t.numel() for t in m.parameters())} "
              "parameters)")
    train.train_classifier(m, x, y, x_val, y_val, os.path.join(WORK, f"{name}.ckpt"), epochs, seed, lr=lr,
                           adversary=adversary or BASES[kind]["adversary"])
    torch.save(m.state_dict(), os.path.join(WORK, f"{name}.pt"))


def extra_stage(kind, epochs, lr):
    """The next stage from the last weights, its seed the one steps.BASES gives a stage of that number."""
    p = pipeline()
    stage, start = next_stage(kind, p)
    run(p, kind, trained(kind, start), f"{kind}-stage{stage}", epochs, lr, BASES[kind]["seed"] + 100 * stage,
        f"from {start}")


def from_scratch(kind, width, epochs, lr, suffix="", **changes):
    """One stage from a fresh model of `width`, seeded as steps.BASES seeds the first stage, saved as
    KIND-wWIDTH{suffix}; `changes` replace or add entries of h's adversary (train.train_classifier's options)."""
    p = pipeline()
    torch.manual_seed(BASES[kind]["seed"])
    adversary = dict(BASES[kind]["adversary"], **changes) if changes else None
    run(p, kind, fresh(kind, width), f"{kind}-w{width}{suffix}", epochs, lr, BASES[kind]["seed"], "from scratch",
        adversary)


H_VARIANTS = {"trades": 1, "eps": 1, "hinge": 2}  # how many values each h variant takes


def h_variant(mode, width, epochs, lr, *values):
    """h from scratch with one change to its training: trades BETA (TRADES at h's attack budget), eps EPS (PGD
    training at that radius, each of the 4 steps the same fraction of it as h's recipe takes) or hinge KAPPA WEIGHT
    (PGD training plus the margin hinge)."""
    recipe = BASES["robust"]["adversary"]
    if mode == "trades":
        changes = dict(trades_beta=values[0])
    elif mode == "eps":
        changes = dict(eps=values[0], step_size=round(recipe["step_size"] * values[0] / recipe["eps"], 6))
    else:  # hinge
        changes = dict(margin_hinge=tuple(values))
    suffix = f"-{mode}" + "x".join(f"{v:g}" for v in values)
    from_scratch("robust", width, epochs, lr, suffix, **changes)


def compare():
    """Clean accuracy of the committed bases and of every finished run here (KIND-stageN.pt, KIND-wWIDTH.pt)."""
    p = pipeline()
    x, y = p.split("test")
    x_val, y_val = p.split("heldout")
    runs = sorted(f for f in os.listdir(WORK) if f.endswith(".pt") and f.split("-")[0] in BASES)
    for kind in BASES:
        rows = [("committed", p.weights(kind))] + [(f[len(kind) + 1:-3], os.path.join(WORK, f))
                                                   for f in runs if f.startswith(kind + "-")]
        for label, weights in rows:
            m = trained(kind, weights)
            print(f"{kind:8} {label:10} held-out {100 * train.accuracy(m, x_val, y_val):.2f}  "
                  f"test {100 * train.accuracy(m, x, y):.2f}", flush=True)


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("MIXGUARD_THREADS", "1")))
    if sys.argv[1:2] == ["train"] and len(sys.argv) == 5 and sys.argv[2] in BASES:
        extra_stage(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    elif sys.argv[1:2] == ["wide"] and len(sys.argv) == 6 and sys.argv[2] in BASES:
        from_scratch(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    elif sys.argv[1:2] and sys.argv[1] in H_VARIANTS and len(sys.argv) == 5 + H_VARIANTS[sys.argv[1]]:
        h_variant(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), *map(float, sys.argv[5:]))
    elif sys.argv[1:] == ["compare"]:
        compare()
    else:
        raise SystemExit(__doc__)
