"""White-box PGD and black-box Square (L-inf) attacks on [0,1] images, written for a predict function.

A predict function maps images [N,C,H,W] to (log_probs [N,K], gamma [N] or None). Losses are small pure
functions of (log_probs, gamma, labels) returning a per-sample value that the attack maximises; the losses and the
projection shared with APGD live in `apgd`.
"""
import math

import torch

from .apgd import alpha_down, ce as ce_loss, project  # noqa: F401 (ce_loss and project are this module's API too)

ADAPTIVE_BCE_WEIGHT = 0.5  # w in CE + w * BCE(gamma, 1), sections 5.2 and 8


def adaptive_loss(weight=ADAPTIVE_BCE_WEIGHT):
    """CE + w * BCE(gamma, 1): attacks the mixture and the mixing network at once (section 7.6)."""
    def loss(log_probs, gamma, y):
        out = ce_loss(log_probs, gamma, y)
        return out if gamma is None else out + weight * alpha_down(gamma)
    return loss


def margin(log_probs, y):
    """f_y - max_{i != y} f_i; the image is misclassified when this is <= 0."""
    u = torch.arange(log_probs.shape[0], device=log_probs.device)
    correct = log_probs[u, y]
    others = log_probs.clone()
    others[u, y] = -float("inf")
    return correct - others.max(dim=1).values


def pgd(predict, loss_fn, x, y, eps, steps, step_size, generator, keep="first_success"):
    """Sign-gradient PGD from a uniform random start in the L-inf ball.

    keep="first_success": return the first iterate that is misclassified, else the last iterate (evaluation).
    keep="best_adv": return the last misclassified iterate, else the random start; this is the paper's
    APGD `x_best_adv` behaviour used to build the mixing net's training buffer (section 3.4).
    keep="last": return the last iterate (Madry-style adversarial training).
    Returns (x_adv, fooled [N] bool).
    """
    start = project(x + (torch.rand(x.shape, generator=generator, device=x.device) * 2 - 1) * eps, x, eps)
    x_adv, chosen = start.clone(), start.clone()
    fooled = torch.zeros(x.shape[0], dtype=torch.bool, device=x.device)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        log_probs, gamma = predict(x_adv)
        wrong = log_probs.argmax(1) != y
        grad, = torch.autograd.grad(loss_fn(log_probs, gamma, y).sum(), x_adv)
        with torch.no_grad():
            update = wrong if keep == "best_adv" else wrong & ~fooled
            chosen[update] = x_adv.detach()[update]
            fooled |= wrong
            x_adv = project(x_adv.detach() + step_size * grad.sign(), x, eps)
    with torch.no_grad():
        log_probs, _ = predict(x_adv)
        wrong = log_probs.argmax(1) != y
        final = {"first_success": ~fooled, "best_adv": wrong, "last": torch.ones_like(wrong)}[keep]
        chosen[final] = x_adv[final]
        fooled |= wrong
    return chosen, fooled


def p_selection(p_init, it):
    """AutoAttack's Square schedule with resc_schedule=False: absolute iteration thresholds."""
    for bound, div in ((10, 1), (50, 2), (200, 4), (500, 8), (1000, 16), (2000, 32), (4000, 64),
                       (6000, 128), (8000, 256)):
        if it <= bound:
            return p_init / div
    return p_init / 512


@torch.no_grad()
def square_linf(predict, x, y, eps, n_queries=5000, p_init=0.8, generator=None):
    """Square attack (Andriushchenko et al.) as AutoAttack runs it: margin loss, one random square per
    iteration shared by the batch, accepted on strict improvement or misclassification, images leave once fooled.

    Like AutoAttack, square corners are drawn from [0, h - s) and [0, w - s), so the last row and column only
    move with larger squares or the initial stripes. Returns (x_adv, fooled [N] bool, queries [N] int).
    """
    n, c, h, w = x.shape
    device = x.device
    sign = lambda shape: torch.randint(0, 2, shape, generator=generator, device=device).float() * 2 - 1
    x_best = (x + eps * sign([n, c, 1, w])).clamp(0.0, 1.0)
    margin_min = margin(predict(x_best)[0], y)
    loss_min = margin_min.clone()
    queries = torch.ones(n, dtype=torch.long, device=device)
    for i in range(n_queries):
        idx = (margin_min > 0).nonzero().flatten()
        if idx.numel() == 0:
            break
        x_curr, x_best_curr, y_curr = x[idx], x_best[idx], y[idx]
        s = min(max(int(round(math.sqrt(p_selection(p_init, i) * h * w))), 1), h - 1)
        vh = int(torch.randint(0, h - s, (1,), generator=generator, device=device))
        vw = int(torch.randint(0, w - s, (1,), generator=generator, device=device))
        deltas = torch.zeros([c, h, w], device=device)
        deltas[:, vh:vh + s, vw:vw + s] = 2.0 * eps * sign([c, 1, 1])
        x_new = project(x_best_curr + deltas, x_curr, eps)
        m = margin(predict(x_new)[0], y_curr)
        improved = m < loss_min[idx]
        loss_min[idx] = torch.where(improved, m, loss_min[idx])
        accept = improved | (m <= 0)
        margin_min[idx] = torch.where(accept, m, margin_min[idx])
        x_best[idx] = torch.where(accept[:, None, None, None], x_new, x_best_curr)
        queries[idx] += 1
    return x_best, margin_min <= 0, queries
