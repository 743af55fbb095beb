"""Training of g (standard), h (PGD adversarial training) and the mixing network (section 3, scaled down).

Every loop checkpoints after each epoch to a work folder and resumes from the last checkpoint.
"""
import math
import os
import time

import torch
import torch.nn.functional as F

from . import attacks
from .data import augment
from .fused import TRAIN_GAMMA_BIAS


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def base_predict(model):
    """A base classifier as an attack's predict function: (log_softmax(logits), no gamma)."""
    return lambda x: (F.log_softmax(model(x)[0], dim=1), None)


def load(path, device="cpu"):
    """One of the pipeline's own checkpoints or weights files. They hold plain numbers and schedulers next to the
    tensors, which torch 1.13's weights-only reader refuses and torch 2.6+ reads only when asked; the files are the
    pipeline's own, so they are read in full on every version."""
    return torch.load(path, map_location=device, weights_only=False)


def _resume(path, model, optimizer, scheduler):
    if not os.path.exists(path):
        return 0
    state = load(path, next(model.parameters()).device)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    log(f"resumed {path} after epoch {state['epoch']}")
    return state["epoch"]


def _save(path, model, optimizer, scheduler, epoch):
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "epoch": epoch}, tmp)
    os.replace(tmp, path)


def accuracy(model, x, y, batch=1000):
    model.eval()
    with torch.no_grad():
        correct = sum((model(x[i:i + batch])[0].argmax(1) == y[i:i + batch]).sum().item()
                      for i in range(0, len(x), batch))
    return correct / len(x)


def trades_adversary(model, x, eps, steps, step_size, generator):
    """TRADES's inner maximisation: sign-gradient steps on KL(p(x) || p(x_adv)), projected on the L-inf ball, the
    model in eval mode. It starts from a uniform random point in the ball, not from TRADES's x plus N(0, 0.001^2)
    noise: at h's budget of 4 steps that start let h learn a KL landscape that hides its own attack (a width-24 h
    trained so kept 81% against it but 41% against PGD-4 from a random start; results/attempts.md)."""
    model.eval()
    with torch.no_grad():
        p_clean = F.softmax(model(x)[0], dim=1)
    x_adv = attacks.project(x + (torch.rand(x.shape, generator=generator, device=x.device) * 2 - 1) * eps, x, eps)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        kl = F.kl_div(F.log_softmax(model(x_adv)[0], dim=1), p_clean, reduction="sum")
        grad, = torch.autograd.grad(kl, x_adv)
        x_adv = attacks.project(x_adv.detach() + step_size * grad.sign(), x, eps)
    return x_adv.detach()


def train_classifier(model, x, y, x_val, y_val, checkpoint, epochs, seed, lr=0.05, batch=128, adversary=None):
    """SGD (momentum 0.9, nesterov, wd 5e-4, cosine) with flip/crop augmentation.

    adversary: None for standard training, else dict(eps, steps, step_size) for PGD adversarial training on the
    cross-entropy (Madry et al.), or with trades_beta as well for TRADES (Zhang et al. 2019: clean cross-entropy plus
    beta times KL(p(x) || p(x_adv)), which keeps the logits, and so h's margin, steady under attack); attacks are
    generated with the model in eval mode. With margin_hinge = (kappa, weight) as well, PGD training adds
    weight * max(0, kappa - margin) on the attacked images, margin the true class's logit minus the largest other:
    the margin gate hands an image to h only while h's margin under attack stays above its threshold.
    """
    trades_beta = None if adversary is None else adversary.get("trades_beta")
    kappa, hinge_weight = (None, 0.0) if adversary is None else adversary.get("margin_hinge", (None, 0.0))
    if hinge_weight and trades_beta is not None:
        raise ValueError("expected margin_hinge with PGD training, found it with trades_beta as well")
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    steps_per_epoch = math.ceil(len(x) / batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs * steps_per_epoch, pct_start=0.15)
    done = _resume(checkpoint, model, opt, sched)
    for epoch in range(done + 1, epochs + 1):
        gen = torch.Generator(device=x.device).manual_seed(seed + epoch)
        perm = torch.randperm(len(x), generator=gen, device=x.device)
        start, total, loss_sum = time.time(), 0, 0.0
        for i in range(0, len(x), batch):
            xb, yb = augment(x[perm[i:i + batch]], gen), y[perm[i:i + batch]]
            if trades_beta is not None:
                x_adv = trades_adversary(model, xb, adversary["eps"], adversary["steps"], adversary["step_size"], gen)
            elif adversary is not None:
                model.eval()
                xb, _ = attacks.pgd(base_predict(model), attacks.ce_loss, xb, yb, adversary["eps"],
                                    adversary["steps"], adversary["step_size"], gen, keep="last")
                xb = xb.detach()
            model.train()
            logits = model(xb)[0]
            loss = F.cross_entropy(logits, yb)
            if hinge_weight:
                loss = loss + hinge_weight * F.relu(kappa - attacks.margin(logits, yb)).mean()
            if trades_beta is not None:
                loss = loss + trades_beta * F.kl_div(F.log_softmax(model(x_adv)[0], dim=1), F.softmax(logits, dim=1),
                                                     reduction="batchmean")
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum, total = loss_sum + loss.item() * len(yb), total + len(yb)
        _save(checkpoint, model, opt, sched, epoch)
        log(f"{os.path.basename(checkpoint)} epoch {epoch}/{epochs} loss {loss_sum / total:.4f} "
            f"val acc {accuracy(model, x_val, y_val):.4f} ({time.time() - start:.0f}s)")
    model.eval()
    return model
