"""Chooses the deployed knobs on held-out training images (never the test set), as the paper tunes its eval
gamma_bias and alpha range after training (section 2.4)."""
import torch

from . import attacks
from .artifacts import fused_predict
from .evaluate import base_predict, predictions

GAMMA_BIASES = (0.4, 0.8, 1.2, 1.6, 2.0)
ALPHA_LOWS = (0.0, 0.55)  # 0.55: the lowest floor at which the margin certificate can hold for confident h
FIXED_ALPHAS = tuple(round(0.05 * i, 2) for i in range(1, 20))
CLEAN_SLACK = 0.01  # the adaptive mixture may lose at most this much clean accuracy against g on validation
STEPS = 20


def adaptive_pgd_accuracy(predict, x, y, epsilon, seed=0, batch=250):
    robust = []
    for i in range(0, len(x), batch):
        gen = torch.Generator().manual_seed(seed)
        _, fooled = attacks.pgd(predict, attacks.adaptive_loss(), x[i:i + batch], y[i:i + batch], epsilon,
                                STEPS, 2.5 * epsilon / STEPS, gen)
        robust.append(~fooled)
    return float(torch.cat(robust).float().mean())


def choose_knobs(fused, x, y, epsilon, log):
    """Adaptive knobs: the most robust (adaptive PGD-20) setting whose clean accuracy stays within CLEAN_SLACK of
    g's; then the fixed alpha whose clean accuracy is closest to the adaptive mixture's (an equal-accuracy
    comparison). Returns (knobs, fixed_alpha, the grid measured)."""
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
    eligible = [r for r in grid if r["clean"] >= g_clean - CLEAN_SLACK] or [max(grid, key=lambda r: r["clean"])]
    best = max(eligible, key=lambda r: (r["robust"], r["clean"]))
    fixed = []
    for a in FIXED_ALPHAS:
        knobs = dict(best["knobs"], alpha_low=a, alpha_high=a)
        fixed.append((abs(float((predictions(fused_predict(fused, knobs), x) == y).float().mean())
                          - best["clean"]), a))
    fixed_alpha = min(fixed)[1]
    log(f"chosen knobs {best['knobs']}, fixed alpha {fixed_alpha}")
    return best["knobs"], fixed_alpha, {"g_clean": g_clean, "grid": grid}
