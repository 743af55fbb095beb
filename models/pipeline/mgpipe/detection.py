"""How the mixing network's alpha answers attacks: its alpha on clean images and on APGD-CE images with and
without the alpha term, next to how often the mixture is fooled and how often h alone is still right. A quick
diagnosis of a mixing net (seconds on a CPU for 200 images), not a robustness evaluation."""
import torch

from . import apgd
from .evaluate import fused_predict
from .export import knob_tensors

KNOBS = {"gamma_bias": 0.0, "alpha_low": 0.0, "alpha_high": 1.0}


def report(fused, x, y, eps, n_iter=100, knobs=KNOBS):
    """Lines of text: alpha on x, then per alpha weight w in (0, 0.5) what APGD-CE with (1 - w) CE + w BCE(gamma, 1)
    does to alpha and to the mixture, and how often h alone classifies the same attacked images correctly."""
    k = knob_tensors(knobs, x.device)
    with torch.no_grad():
        clean_alpha = fused(x, *k)[1]
    lines = [f"{len(x)} images, knobs {knobs}: clean alpha mean {clean_alpha.mean():.3f}, "
             f"above 0.5 for {(clean_alpha > 0.5).float().mean():.2f}"]
    for w in (0.0, 0.5):
        indices = torch.arange(len(x), device=x.device)
        adv, fooled, _ = apgd.apgd(fused_predict(fused, knobs), apgd.composite(apgd.ce, w), x, y, eps, n_iter, 0,
                                   indices, stop_on_success=False)
        with torch.no_grad():
            alpha = fused(adv, *k)[1]
            h_right = fused.rob_model(adv)[0].argmax(1) == y
        lines.append(f"APGD-CE, w = {w}: attacked alpha mean {alpha.mean():.3f}, above 0.5 for "
                     f"{(alpha > 0.5).float().mean():.2f}; mixture fooled on {fooled.float().mean():.2f}; "
                     f"h alone right on {h_right.float().mean():.2f} of the same images")
    return lines
