"""Chooses the deployed knobs on held-out training images (never the test set), as the paper tunes its eval
gamma_bias and alpha range after training (section 2.4)."""
import torch

from . import attacks
from .artifacts import fused_predict
from .evaluate import base_predict, predictions

GAMMA_BIASES = (0.4, 0.8, 1.2, 1.6, 2.0)
ALPHA_LOWS = (0.0, 0.55)  # 0.55: the lowest floor at which the margin certificate can hold for confident h
FIXED_ALPHAS = tuple(round(0.05 * i, 2) for i in range(1, 20))
CLEAN_SLACK = 0.015  # the target: the adaptive mixture may lose at most 1.5 points of g's clean accuracy
STEPS = 20


def adaptive_pgd_accuracy(predict, x, y, epsilon, seed=0, batch=250):
    robust = []
    for i in range(0, len(x), batch):
        gen = torch.Generator().manual_seed(seed)
        _, fooled = attacks.pgd(predict, attacks.adaptive_loss(), x[i:i + batch], y[i:i + batch], epsilon,
                                STEPS, 2.5 * epsilon / STEPS, gen)
        robust.append(~fooled)
    return float(torch.cat(robust).float().mean())


def measure_grid(fused, x, y, epsilon, log):
    """Clean and adaptive PGD-20 accuracy of every (gamma_bias, alpha_low) in the grid, and g's clean accuracy."""
    g_clean = float((predictions(base_predict(fused.std_model), x) == y).float().mean())
    grid = []
    for alpha_low in ALPHA_LOWS:
        for gamma_bias in GAMMA_BIASES:
            knobs = {"gamma_bias": gamma_bias, "alpha_low": alpha_low, "alpha_high": 1.0}
            predict = fused_predict(fused, knobs)
            clean = float((predictions(predict, x) == y).float().mean())
            robust = adaptive_pgd_accuracy(predict, x, y, epsilon)
            grid.append({"knobs": knobs, "clean": clean, "robust": robust})
            log(f"calibrate {knobs}: clean {clean:.4f} adaptive-PGD-{STEPS} {robust:.4f} (g clean {g_clean:.4f})")
    return {"g_clean": g_clean, "grid": grid}


def select(measured):
    """The most robust setting whose clean accuracy stays within CLEAN_SLACK of g's (else the most accurate)."""
    grid = measured["grid"]
    eligible = [r for r in grid if r["clean"] >= measured["g_clean"] - CLEAN_SLACK - 1e-9]
    if not eligible:
        return max(grid, key=lambda r: (r["clean"], r["robust"]))
    return max(eligible, key=lambda r: (r["robust"], r["clean"]))


def fixed_alpha_for(fused, knobs, clean_target, x, y):
    """The fixed alpha whose clean accuracy is closest to `clean_target` (an equal-accuracy comparison)."""
    def gap(a):
        fixed = dict(knobs, alpha_low=a, alpha_high=a)
        return abs(float((predictions(fused_predict(fused, fixed), x) == y).float().mean()) - clean_target)
    return min(FIXED_ALPHAS, key=lambda a: (gap(a), a))


def choose_knobs(fused, x, y, epsilon, log, measured=None):
    """Adaptive knobs by `select` over the measured grid (measured here unless given), then the fixed alpha.
    Returns (knobs, fixed_alpha, measured)."""
    measured = measured or measure_grid(fused, x, y, epsilon, log)
    best = select(measured)
    fixed_alpha = fixed_alpha_for(fused, best["knobs"], best["clean"], x, y)
    log(f"chosen knobs {best['knobs']}, fixed alpha {fixed_alpha}")
    return best["knobs"], fixed_alpha, measured
