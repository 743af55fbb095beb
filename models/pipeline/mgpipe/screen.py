"""A quick screen of mixture settings, logit scales included, before a full evaluation: clean accuracy on held-out
images and a reduced white-box worst case (APGD-CE, then APGD-T towards the 3 runner-up classes, with the alpha term
for adaptive settings; no Square, 6 of 9 targets left out). It ranks settings for `worstcase` to measure; its numbers
are upper bounds and never go into a card."""
import time

import torch

from . import apgd
from .evaluate import fused_predict
from .export import knob_tensors

TARGETS = 3


def parse(text):
    """'S_G,S_H,ALPHA_LOW,ALPHA_HIGH[,GAMMA_BIAS]' -> (std_scale, rob_scale, knobs)."""
    values = [float(v) for v in text.split(",")]
    if len(values) not in (4, 5):
        raise SystemExit(f"expected S_G,S_H,ALPHA_LOW,ALPHA_HIGH[,GAMMA_BIAS], found {text!r}")
    gamma_bias = values[4] if len(values) == 5 else 0.0
    return values[0], values[1], {"gamma_bias": gamma_bias, "alpha_low": values[2], "alpha_high": values[3]}


def screen(fused, setting, x_clean, y_clean, x, y, eps, n_iter=100):
    """One line of text for a setting: clean accuracy on x_clean, reduced worst case on x."""
    std_scale, rob_scale, knobs = parse(setting)
    kept = fused.std_scale, fused.rob_scale
    fused.std_scale, fused.rob_scale = std_scale, rob_scale
    try:
        began, k = time.time(), knob_tensors(knobs, x.device)
        weight = 0.5 if knobs["alpha_high"] > knobs["alpha_low"] else 0.0
        predict = fused_predict(fused, knobs)
        with torch.no_grad():
            clean = float((fused(x_clean, *k)[0].argmax(1) == y_clean).float().mean())
            log_probs = fused(x, *k)[0]
        robust, runner_up = log_probs.argmax(1) == y, log_probs.argsort(1, descending=True)
        clean_here = float(robust.float().mean())
        index = torch.arange(len(x), device=x.device)
        left = robust.nonzero().flatten()
        robust[left] &= ~apgd.apgd(predict, apgd.composite(apgd.ce, weight), x[left], y[left], eps, n_iter, 0,
                                   index[left])[1]
        for rank in range(1, 1 + TARGETS):
            left = robust.nonzero().flatten()
            robust[left] &= ~apgd.apgd(predict, apgd.composite(apgd.targeted_dlr, weight), x[left], y[left], eps,
                                       n_iter, 1 + rank, index[left], target=runner_up[left, rank])[1]
    finally:
        fused.std_scale, fused.rob_scale = kept
    return (f"s_g {std_scale:g}, s_h {rob_scale:g}, knobs {knobs}: clean {100 * clean:.1f} ({len(x_clean)} held-out); "
            f"on the first {len(x)}: clean {100 * clean_here:.1f}, screened worst {100 * float(robust.float().mean()):.1f} "
            f"(APGD-CE + APGD-T x{TARGETS}, no Square) in {time.time() - began:.0f}s")
