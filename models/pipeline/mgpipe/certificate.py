"""Per-input certificate formulas of section 4 on h's class probabilities and a lower bound on alpha."""
import numpy as np


def top2(p_h):
    """Top-1 and top-2 of h's class probabilities."""
    srt = np.sort(np.asarray(p_h, dtype=np.float64))
    return srt[-1], srt[-2]


def margin_condition(p_h, alpha_min):
    """mu_h = p_A - p_B > (1 - a) / a (strict): the mixture then predicts h's class whatever g says.
    Never holds for a <= 0.5 because mu_h <= 1."""
    if alpha_min <= 0:
        return False
    p_a, p_b = top2(p_h)
    return bool(p_a - p_b > (1 - alpha_min) / alpha_min)


def lipschitz_radius(p_h, alpha_min, lipschitz):
    """r = max(0, a (p_A - p_B) + a - 1) / (2 a L), for h's probabilities L-Lipschitz in the attack norm."""
    if alpha_min <= 0 or lipschitz <= 0:
        raise ValueError(f"expected alpha_min > 0 and lipschitz > 0, found {alpha_min}, {lipschitz}")
    p_a, p_b = top2(p_h)
    return max(0.0, alpha_min * (p_a - p_b) + alpha_min - 1) / (2 * alpha_min * lipschitz)
