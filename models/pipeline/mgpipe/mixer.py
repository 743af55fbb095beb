"""Training of the mixing network (section 3, scaled down): balanced clean/attacked buffers, randomized
attacks that also push alpha down, and the BCE + CE + product loss on the training reparameterisation."""
import math
import os
import time

import torch
import torch.nn.functional as F

from . import attacks
from .artifacts import fused_predict
from .data import augment
from .export import knob_tensors
from .fused import TRAIN_GAMMA_BIAS

TRAIN_KNOBS = {"gamma_bias": TRAIN_GAMMA_BIAS, "alpha_low": 0.0, "alpha_high": 1.0}  # no alpha range in training
LOSS = dict(c_bce=1.0, c_ce=0.5, c_prod=0.1, scale_clean=2.0, scale_adv=1.0)  # cifar10_at_apgd.yaml
EPS_LOC, EPS_SCALE = 0.4, 0.7  # per-sample eps = epsilon * U(0.4, 1.1)
STEPS_DF, STEPS_MAX = 8, 16  # steps = round(chi2(8)), at least 1 (the paper: chi2(75) APGD steps)
W_MAX = 0.4  # per-sample weight of BCE(gamma, 1) in the attack loss, U(0, 0.4)
TARGET_RANKS = 3  # targeted attacks pick one of the 2nd..4th classes (the paper: all of 2nd..10th)


def comp_loss(log_probs, gamma, labels, adversarial):
    """scale * [c_BCE BCE(gamma, s) + c_CE (-log p_mix,y) + c_prod BCE * CE], s = 1 for attacked images."""
    ce = F.nll_loss(log_probs, labels, reduction="none")
    bce = F.binary_cross_entropy_with_logits(gamma, adversarial.float(), reduction="none")
    scale = torch.where(adversarial, torch.tensor(LOSS["scale_adv"]), torch.tensor(LOSS["scale_clean"]))
    return (scale * (LOSS["c_bce"] * bce + LOSS["c_ce"] * ce + LOSS["c_prod"] * bce * ce)).mean()


def randomized_attack(fused, x, y, epsilon, gen, targeted):
    """One randomized attack call: eps per sample, one step count per call, w per sample, and x_best_adv."""
    n = len(x)
    eps = epsilon * (EPS_LOC + EPS_SCALE * torch.rand(n, generator=gen)).view(n, 1, 1, 1)
    chi2 = float((torch.randn(STEPS_DF, generator=gen) ** 2).sum())
    steps = int(min(max(round(chi2), 1), STEPS_MAX))
    w = W_MAX * torch.rand(n, generator=gen)
    predict = fused_predict(fused, TRAIN_KNOBS)
    if targeted:
        with torch.no_grad():
            ranked = predict(x)[0].argsort(dim=1, descending=True)
        pick = torch.randint(1, 1 + TARGET_RANKS, (n,), generator=gen)
        target = ranked[torch.arange(n), pick]
        main = lambda lp, g, yy: attacks.dlr_targeted(lp, yy, target)
    else:
        main = attacks.ce_loss
    loss = lambda lp, g, yy: (1 - w) * main(lp, g, yy) + w * attacks.alpha_down_loss(g)
    adv, _ = attacks.pgd(predict, loss, x, y, eps, steps, 2.5 * eps / steps, gen, keep="best_adv")
    return adv.detach()


def train_mixer(fused, x, y, checkpoint, batches, seed, epsilon=0.1, batch=64, lr=1e-3, log=print):
    """Trains fused.mixer and fused.bn on `batches` loader batches of `batch` clean images each.

    Per loader batch: one untargeted and one targeted randomized attack (2B attacked, s=1), the B clean images
    plus B more clean ones (2B clean, s=0); the 4B buffer is shuffled into 4 mini-batches of B, each a step in
    train mode. Checkpoints every 20 loader batches and resumes.
    """
    params = list(fused.mixer.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=1e-5)
    total_steps = 4 * batches
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=total_steps, pct_start=0.04)
    done = 0
    if os.path.exists(checkpoint):
        state = torch.load(checkpoint)
        fused.mixer.load_state_dict(state["mixer"])
        fused.bn.load_state_dict(state["bn"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        done = state["batches"]
        log(f"resumed mixer after {done} batches")
    gen = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(x), generator=gen)
    start, stats = time.time(), []
    for b in range(done, batches):
        step_gen = torch.Generator().manual_seed(seed * 1000 + b)
        idx = order[(b * 2 * batch) % len(x):][:2 * batch]
        xb, yb = augment(x[idx], step_gen), y[idx]
        clean_x, clean_y, extra_x, extra_y = xb[:batch], yb[:batch], xb[batch:], yb[batch:]
        fused.eval()
        adv = [randomized_attack(fused, clean_x, clean_y, epsilon, step_gen, t) for t in (False, True)]
        buf_x = torch.cat([clean_x, extra_x] + adv)
        buf_y = torch.cat([clean_y, extra_y, clean_y, clean_y])
        buf_s = torch.cat([torch.zeros(2 * batch, dtype=torch.bool), torch.ones(2 * batch, dtype=torch.bool)])
        perm = torch.randperm(len(buf_x), generator=step_gen)
        fused.train()
        for m in range(4):
            sel = perm[m * batch:(m + 1) * batch]
            log_probs, _, _, _, gamma = fused(buf_x[sel], *knob_tensors(TRAIN_KNOBS))
            loss = comp_loss(log_probs, gamma, buf_y[sel], buf_s[sel])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 10.0)
            opt.step()
            sched.step()
            detected = ((gamma > TRAIN_GAMMA_BIAS) == buf_s[sel]).float().mean().item()
            stats.append((loss.item(), detected))
        if (b + 1) % 20 == 0 or b + 1 == batches:
            torch.save({"mixer": fused.mixer.state_dict(), "bn": fused.bn.state_dict(), "optimizer": opt.state_dict(),
                        "scheduler": sched.state_dict(), "batches": b + 1}, checkpoint + ".tmp")
            os.replace(checkpoint + ".tmp", checkpoint)
            loss_avg = sum(s[0] for s in stats) / len(stats)
            det = sum(s[1] for s in stats) / len(stats)
            log(f"mixer batch {b + 1}/{batches} loss {loss_avg:.4f} detection acc {det:.3f} "
                f"({time.time() - start:.0f}s)")
            stats = []
    fused.eval()
    return fused
