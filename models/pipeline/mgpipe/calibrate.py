"""Chooses the shipped knobs on held-out training images (never the test set), as the paper tunes its eval
gamma_bias and alpha range after training (section 2.4). Two rules: the adaptive setting that sits furthest above
the fixed-alpha curve measured on the same images, by the worst case of `worstcase` (`select`); or, without attacks,
the setting that leans most on h while keeping a clean-accuracy target (`select_by_clean`)."""
from . import frontier


def grid(kind="net"):
    """g, two fixed alphas, the adaptive settings of this kind of mixing function, then the rest of the fixed curve:
    a budgeted run that stops early still has a curve and every adaptive point (g and the 0.5 mixture fall fast; h
    and 0.9 are the slowest)."""
    return frontier.BASES[:1] + [frontier.fixed(0.5), frontier.fixed(0.8)] + \
        [frontier.adaptive(gb, al) for gb, al in frontier.ADAPTIVE_SETTINGS[kind]] + \
        [frontier.fixed(a) for a in frontier.FIXED_ALPHAS if a not in (0.5, 0.8)] + frontier.BASES[1:]


def select_by_clean(points, target):
    """Of adaptive settings measured clean (dicts with knobs, clean, mean_alpha, images), the one with the largest
    mean alpha whose clean accuracy is at least `target`, with the reason in words.

    Raising gamma_bias or alpha_low raises alpha on every input, so among settings of one kind this leans as far
    towards h, the robust model, as the clean target allows; unlike `select`, no attack checks that robustness
    follows, so the test-set frontier has to show it."""
    meeting = [p for p in points if p["clean"] >= target]
    if not meeting:
        best = max(points, key=lambda p: p["clean"])
        raise SystemExit(f"expected a setting with held-out clean accuracy of at least {100 * target:.1f}, found at "
                         f"most {100 * best['clean']:.2f} ({best['knobs']})")
    best = max(meeting, key=lambda p: p["mean_alpha"])
    return {"knobs": best["knobs"], "gain": None,
            "reason": f"the setting with the most weight on h (mean alpha {best['mean_alpha']:.3f}) whose clean "
                      f"accuracy on {best['images']} held-out images, {100 * best['clean']:.2f}, meets the target "
                      f"{100 * target:.1f}; no attack was run to choose it"}


def fixed_curve(points):
    """The fixed-alpha curve as a function of clean accuracy: piecewise linear between the measured fixed
    points (sorted by clean accuracy), flat beyond the ends."""
    pts = sorted((p["clean"], p["worst"]) for p in points)

    def at(clean):
        if clean <= pts[0][0]:
            return pts[0][1]
        for (c0, w0), (c1, w1) in zip(pts, pts[1:]):
            if clean <= c1:
                return w0 + (w1 - w0) * (clean - c0) / (c1 - c0) if c1 > c0 else max(w0, w1)
        return pts[-1][1]
    return at


def gain(point, curve):
    """How far a point's worst case sits above the fixed-alpha curve at its clean accuracy (negative: below)."""
    return point["worst"] - curve(point["clean"])


def select(measured):
    """The adaptive candidate with the largest gain over the fixed curve (ties: the more accurate), with the
    reason in words. Needs at least two fixed points and one adaptive point."""
    fixed = [m for m in measured if m["kind"] == "fixed"]
    adaptive = [m for m in measured if m["kind"] == "adaptive"]
    if len(fixed) < 2 or not adaptive:
        raise SystemExit(f"expected at least 2 fixed-alpha and 1 adaptive measured point, found {len(fixed)} and "
                         f"{len(adaptive)}")
    curve = fixed_curve(fixed)
    best = max(adaptive, key=lambda m: (round(gain(m, curve), 6), m["clean"]))
    g = gain(best, curve)
    side = "above" if g > 0 else "below" if g < 0 else "on"
    return {"knobs": best["knobs"], "gain": round(g, 4),
            "reason": f"largest worst-case gain over the fixed-alpha curve on {best['images']} held-out images: "
                      f"clean {100 * best['clean']:.1f}, worst {100 * best['worst']:.1f}, "
                      f"{100 * abs(g):.1f} points {side} the curve"}
