"""Training of the mixing network (adaptive-smoothing.md section 3): balanced clean/attacked buffers built with the
randomized, mixing-net-aware APGD of section 3.4, and the BCE + CE + product loss on the training
reparameterisation, with AdamW, exponential warm-up and a cosine schedule."""
import copy
import math
import os
import time
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F

from . import apgd, train
from .evaluate import fused_predict
from .data import augment
from .export import knob_tensors
from .fused import TRAIN_GAMMA_BIAS

TRAIN_KNOBS = {"gamma_bias": TRAIN_GAMMA_BIAS, "alpha_low": 0.0, "alpha_high": 1.0}  # no alpha range in training
LOSS = dict(c_bce=1.0, c_ce=0.5, c_prod=0.1, scale_clean=2.0, scale_adv=1.0)  # cifar10_at_apgd.yaml
EPS_LOC, EPS_SCALE = 0.4, 0.7  # per-sample eps = epsilon * U(0.4, 1.1)
W_MAX = 0.4  # per-sample weight of BCE(gamma, 1) in the attack loss, U(0, 0.4)
ACCUMULATE = 4  # mini-batches per optimizer step


@dataclass
class Recipe:
    """How the mixing net trains. The defaults are the paper's (section 3): APGD steps round(chi2(75)), the
    untargeted attack plus targeted ones towards the 2nd..10th classes, and as many extra clean images."""
    batches: int = 2580  # loader batches: 3 passes over 55,000 images at 64 per batch
    batch: int = 64
    lr: float = 1e-3
    epsilon: float = 0.1
    steps_df: int = 75
    targets: int = 9
    seed: int = 3


def comp_loss(log_probs, gamma, labels, adversarial):
    """scale * [c_BCE BCE(gamma, s) + c_CE (-log p_mix,y) + c_prod BCE * CE], s = 1 for attacked images."""
    ce = F.nll_loss(log_probs, labels, reduction="none")
    bce = F.binary_cross_entropy_with_logits(gamma, adversarial.float(), reduction="none")
    scale = torch.where(adversarial, LOSS["scale_adv"], LOSS["scale_clean"])
    return (scale * (LOSS["c_bce"] * bce + LOSS["c_ce"] * ce + LOSS["c_prod"] * bce * ce)).mean()


def untargeted_or_targeted(log_probs, gamma, y, target, **_):
    """Per sample: CE where `target` is -1 (the untargeted attack), else the targeted DLR towards `target`."""
    untargeted = target < 0
    dlr = apgd.targeted_dlr(log_probs, gamma, y, torch.where(untargeted, y, target))
    return torch.where(untargeted, apgd.ce(log_probs, gamma, y), dlr)


def attacked_buffer(fused, x, y, idx, recipe, gen, predict=None):
    """The randomized, mixing-net-aware attacks of section 3.4 on one loader batch, in eval mode: the untargeted
    APGD-CE and one targeted APGD-DLR per runner-up class (2nd..(1 + targets)th of the clean output), each with
    per-sample eps = epsilon U(0.4, 1.1) and loss (1 - w) main + w BCE(gamma, 1), w ~ U(0, 0.4); returns APGD's
    x_best_adv (the last misclassified iterate, else the random start) for all (1 + targets) B images.

    Deviation from the paper, for throughput: the 1 + targets attacks run as one batched APGD call, so they share
    one step count round(chi2(df)) per loader batch instead of drawing one per attack call. `predict` replaces the
    fused model at the training knobs as what the attacks see (an experiment's own mixture)."""
    fused.eval()
    predict = predict or fused_predict(fused, TRAIN_KNOBS)
    copies, n, device = 1 + recipe.targets, len(x), x.device
    with torch.no_grad():
        ranked = predict(x)[0].argsort(dim=1, descending=True)
    untargeted = torch.full((n,), -1, dtype=torch.long, device=device)
    target = torch.cat([untargeted] + [ranked[:, rank] for rank in range(1, copies)])
    eps = recipe.epsilon * (EPS_LOC + EPS_SCALE * torch.rand(copies * n, generator=gen, device=device))
    steps = max(int(round(float((torch.randn(recipe.steps_df, generator=gen, device=device) ** 2).sum()))), 1)
    w = W_MAX * torch.rand(copies * n, generator=gen, device=device)
    seed = int(torch.randint(0, 2 ** 31 - 1, (1,), generator=gen, device=device))
    starts = torch.cat([idx.cpu() + copy * 1_000_000 for copy in range(copies)])  # a distinct random start each
    adv, _, _ = apgd.apgd(predict, apgd.composite(untargeted_or_targeted), x.repeat(copies, 1, 1, 1),
                          y.repeat(copies), eps, steps, seed, starts, stop_on_success=False, target=target, w=w)
    return adv.detach()


def seconds_per_batch(fused, x, y, recipe, trials=3):
    """Median seconds of one loader batch of `recipe` here (on a copy of the model, after one warm-up batch), to
    size a training run to a time budget."""
    trial = copy.deepcopy(fused)
    params = list(trial.mixer.parameters())
    opt = torch.optim.AdamW(params, lr=recipe.lr)
    sched = schedule(opt, trials + 1)
    times = []
    for b in range(trials + 1):
        began = time.time()
        _train_batch(trial, opt, sched, params, x, y, b, recipe)
        if x.is_cuda:
            torch.cuda.synchronize()
        times.append(time.time() - began)
    return sorted(times[1:])[trials // 2]


def schedule(opt, total_steps):
    """Cosine annealing over every optimizer step, times the exponential warm-up 1 - exp(-t / (total / 25))."""
    period = max(total_steps // 25, 1)
    factor = lambda t: (1 - math.exp(-(t + 1) / period)) * 0.5 * (1 + math.cos(math.pi * t / total_steps))
    return torch.optim.lr_scheduler.LambdaLR(opt, factor)


def train_mixer(fused, x, y, checkpoint, recipe=Recipe(), log=print, checkpoint_every=20, stop_at=None):
    """Trains fused.mixer and fused.bn on recipe.batches loader batches, resuming from `checkpoint`; returns
    whether all of them are done. With `stop_at` (a time.time() value) it checkpoints and returns False after the
    first batch that ends past that time, so a run spread over sittings loses nothing.

    Per loader batch of B clean images: (1 + targets) B attacked images (s = 1) and as many clean ones (the batch
    and the next images of the loader, s = 0), shuffled into 2 (1 + targets) mini-batches of B run in train mode
    (batch statistics), gradients accumulated over ACCUMULATE mini-batches per AdamW step (wd 1e-5, clip 10).
    """
    copies = 1 + recipe.targets
    params = list(fused.mixer.parameters())
    opt = torch.optim.AdamW(params, lr=recipe.lr, weight_decay=1e-5)
    sched = schedule(opt, recipe.batches * math.ceil(2 * copies / ACCUMULATE))
    done = _resume(checkpoint, fused, opt, sched, recipe, log)
    start, stats = time.time(), []
    for b in range(done, recipe.batches):
        stats += _train_batch(fused, opt, sched, params, x, y, b, recipe)
        stopping = stop_at is not None and time.time() > stop_at and b + 1 < recipe.batches
        if (b + 1) % checkpoint_every == 0 or b + 1 == recipe.batches or stopping:
            _save(checkpoint, fused, opt, sched, recipe, b + 1)
            loss, det = (sum(s[i] for s in stats) / len(stats) for i in (0, 1))
            log(f"mixer batch {b + 1}/{recipe.batches} loss {loss:.4f} detection acc {det:.3f} "
                f"({(time.time() - start) / (b + 1 - done):.1f}s per batch)")
            stats = []
        if stopping:
            log(f"mixer: stopped at its time budget after batch {b + 1}/{recipe.batches}; {checkpoint} goes on")
            return False
    fused.eval()
    return True


def _train_batch(fused, opt, sched, params, x, y, b, recipe):
    """Loader batch b: its attacked buffer, then the optimizer steps on the shuffled clean + attacked buffer."""
    device, copies = x.device, 1 + recipe.targets
    gen = torch.Generator(device=device).manual_seed(recipe.seed * 1_000_003 + b)
    idx = _loader_rows(b, copies * recipe.batch, len(x), recipe.seed).to(device)
    xb, yb = augment(x[idx], gen), y[idx]
    clean_x, clean_y = xb[:recipe.batch], yb[:recipe.batch]
    adv = attacked_buffer(fused, clean_x, clean_y, idx[:recipe.batch].cpu(), recipe, gen)
    buf_x, buf_y = torch.cat([xb, adv]), torch.cat([yb, clean_y.repeat(copies)])
    buf_s = torch.arange(len(buf_x), device=device) >= len(xb)
    return _steps(fused, opt, sched, params, buf_x, buf_y, buf_s, recipe.batch, gen)


def _steps(fused, opt, sched, params, buf_x, buf_y, buf_s, batch, gen):
    """The shuffled buffer as mini-batches of `batch` in train mode, ACCUMULATE per optimizer step."""
    fused.train()
    perm = torch.randperm(len(buf_x), generator=gen, device=buf_x.device)
    knobs, stats, minis = knob_tensors(TRAIN_KNOBS, buf_x.device), [], math.ceil(len(buf_x) / batch)
    opt.zero_grad()
    for m in range(minis):
        sel = perm[m * batch:(m + 1) * batch]
        log_probs, _, _, _, gamma = fused(buf_x[sel], *knobs)
        loss = comp_loss(log_probs, gamma, buf_y[sel], buf_s[sel])
        (loss / ACCUMULATE).backward()
        stats.append((loss.item(), ((gamma > TRAIN_GAMMA_BIAS) == buf_s[sel]).float().mean().item()))
        if (m + 1) % ACCUMULATE == 0 or m + 1 == minis:
            torch.nn.utils.clip_grad_norm_(params, 10.0)
            opt.step()
            sched.step()
            opt.zero_grad()
    fused.eval()
    return stats


def _loader_rows(b, size, n, seed):
    """Rows of loader batch b: consecutive slices of one seeded permutation per pass over the data."""
    per_pass = n // size
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed * 7919 + b // per_pass))
    return order[(b % per_pass) * size:][:size]


def kept_recipe(checkpoint):
    """The recipe a checkpoint continues, or None when there is no checkpoint."""
    if not os.path.exists(checkpoint):
        return None
    return Recipe(**train.load(checkpoint)["recipe"])


def _resume(checkpoint, fused, opt, sched, recipe, log):
    if not os.path.exists(checkpoint):
        return 0
    state = train.load(checkpoint)
    if state.get("recipe") != asdict(recipe):
        raise SystemExit(f"expected {checkpoint} to continue recipe {asdict(recipe)}, found {state.get('recipe')}: "
                         "move it away to start again")
    fused.mixer.load_state_dict(state["mixer"])
    fused.bn.load_state_dict(state["bn"])
    opt.load_state_dict(state["optimizer"])
    sched.load_state_dict(state["scheduler"])
    log(f"resumed mixer after {state['batches']} batches")
    return state["batches"]


def _save(checkpoint, fused, opt, sched, recipe, batches):
    torch.save({"mixer": fused.mixer.state_dict(), "bn": fused.bn.state_dict(), "optimizer": opt.state_dict(),
                "scheduler": sched.state_dict(), "batches": batches, "recipe": asdict(recipe)}, checkpoint + ".tmp")
    os.replace(checkpoint + ".tmp", checkpoint)


LEGACY = ("Trained by the pipeline's first recipe (before APGD): per loader batch of 64 clean images, one untargeted "
          "and one targeted sign-gradient PGD attack (T = round(chi2(8)) steps capped at 16, step 2.5 eps / T, "
          "per-sample eps = 0.1 U(0.4, 1.1), loss (1 - w) main + w BCE(gamma, 1) with w ~ U(0, 0.4), targets one of "
          "the 2nd to 4th classes, x_best_adv returned) and 128 clean images, 4 AdamW steps (lr 1e-3, one-cycle); "
          "100 loader batches, about 1% of one epoch of the paper's recipe. This is the main known cause of the "
          "weak mixture.")


GATE = ("Not trained: the shipped mixing function is h's margin gate (models/pipeline/mgpipe/nets.py MarginGate), a "
        "deviation from section 2 stated here and in the code. The raw gamma is h's top-1 minus top-2 logit m_h; the "
        "gamma BatchNorm is the identity (mean 0, variance 1); so alpha = alpha_low + (alpha_high - alpha_low) "
        "sigmoid(2 m_h + gamma_bias), and gamma_bias = -2 tau puts equal weight on g and h where h's margin is tau. "
        "It reads nothing of g, whose features an attacker moves most easily; where h is confident the answer is "
        "mostly h's, elsewhere mostly g's. It came from an experiment (models/pipeline/experiments/h_margin_gate.py) "
        "after the trained mixing networks stayed below the fixed-alpha curve (see What was tried).")


def describe(recipe, kind="net"):
    """The mixing-function paragraph of the card: the gate's, or the training of a mixing net from its recipe (a
    dict from the weights file), or LEGACY without one."""
    if kind == "gate":
        return GATE
    if recipe is None:
        return LEGACY
    r = Recipe(**recipe)
    return (f"Section 3 of adaptive-smoothing.md: base models frozen; per loader batch of {r.batch} clean images "
            f"(flip and crop), one untargeted APGD-CE and {r.targets} targeted APGD-DLR attacks towards the 2nd.."
            f"{r.targets + 1}th classes, run as one batched call with round(chi2({r.steps_df})) steps per loader batch (the "
            f"paper draws one count per attack call), per-sample eps = {r.epsilon} "
            f"U(0.4, 1.1) and loss (1 - w) main + w BCE(gamma, 1), w ~ U(0, 0.4), returning x_best_adv (label s = 1), "
            f"and as many clean images (s = 0); the shuffled buffer runs as mini-batches of {r.batch} in train mode, "
            f"{ACCUMULATE} per AdamW step (lr {r.lr:g}, wd 1e-5, exponential warm-up and cosine, clip 10); loss "
            f"scale [1.0 BCE + 0.5 CE + 0.1 BCE CE], scale 2 clean / 1 attacked; {r.batches} loader batches.")

