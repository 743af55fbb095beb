"""The accuracy-robustness dial: the classifiers the card compares (g, h, fixed-alpha mixtures, the adaptive
mixture at several knobs), each measured clean and worst-case by `worstcase`, with results kept per weights."""
import hashlib
import os

import torch

from . import worstcase
from .export import knob_tensors
from .evaluate import base_predict, frozen_predict, fused_predict, predictions

FIXED_ALPHAS = (0.5, 0.65, 0.8, 0.9)  # plus 0 (= g exactly) and 1 (= h exactly)
# the adaptive settings (gamma_bias, alpha_low) of each kind of mixing function (fused.MIXERS); the gate's are
# tau = 0, 0.5, 1 and 1.5 (gamma_bias = -2 tau, nets.MarginGate)
ADAPTIVE_SETTINGS = {"net": ((0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (1.0, 0.5), (2.0, 0.5), (0.0, 0.65)),
                     "gate": ((0.0, 0.0), (-0.5, 0.0), (-1.0, 0.0), (-2.0, 0.0), (-3.0, 0.0))}


def fixed(alpha):
    return {"name": f"fixed-{alpha}", "kind": "fixed", "alpha": alpha,
            "knobs": {"gamma_bias": 0.0, "alpha_low": alpha, "alpha_high": alpha}}


def adaptive(gamma_bias, alpha_low, alpha_high=1.0):
    return {"name": f"adaptive-{gamma_bias}-{alpha_low}-{alpha_high}", "kind": "adaptive",
            "knobs": {"gamma_bias": gamma_bias, "alpha_low": alpha_low, "alpha_high": alpha_high}}


BASES = [{"name": "g", "kind": "fixed", "alpha": 0.0, "knobs": {"gamma_bias": 0.0, "alpha_low": 0.0, "alpha_high": 0.0}},
         {"name": "h", "kind": "fixed", "alpha": 1.0, "knobs": {"gamma_bias": 0.0, "alpha_low": 1.0, "alpha_high": 1.0}}]


def by_name(name):
    """A candidate from its name: g, h, fixed-A or adaptive-GB-AL-AH."""
    for c in BASES:
        if c["name"] == name:
            return c
    kind, _, rest = name.partition("-")
    try:
        values = [float(v) for v in _numbers(rest)]
    except ValueError:
        values = []
    if kind == "fixed" and len(values) == 1:
        return fixed(values[0])
    if kind == "adaptive" and len(values) == 3:
        return adaptive(*values)
    raise SystemExit(f"expected a candidate g, h, fixed-ALPHA or adaptive-GAMMABIAS-ALPHALOW-ALPHAHIGH, found {name!r}")


def _numbers(text):
    """'-2.0-0.0-1.0' -> ['-2.0', '0.0', '1.0']: numbers joined by '-', each possibly negative."""
    numbers, sign = [], ""
    for part in text.split("-") if text else []:
        if part == "":
            sign = "-"
            continue
        numbers.append(sign + part)
        sign = ""
    return numbers


def fingerprint(fused, candidate=None):
    """A short hash of what a candidate's results depend on, so that results of other weights or scales are never
    mixed in: g or h alone, the weights of g and h; a fixed alpha, those and the logit scales; an adaptive mixture
    (and candidate None, the whole model), every weight and buffer with the scales. The scales are appended when they
    are not 1 and 1. So a new mixing function keeps the fixed-alpha curve of the same g and h."""
    mixer_free = candidate is not None and candidate["kind"] == "fixed"
    digest = hashlib.sha256()
    for key, value in sorted(fused.state_dict().items()):
        if mixer_free and not key.startswith(("std_model.", "rob_model.")):
            continue
        digest.update(key.encode())
        digest.update(value.detach().cpu().contiguous().numpy().tobytes())
    scales = (fused.std_scale, fused.rob_scale)
    plain = (candidate is not None and is_base(candidate)) or scales == (1.0, 1.0)
    return digest.hexdigest()[:12] + ("" if plain else f"-s{scales[0]:g}-{scales[1]:g}")


def is_base(candidate):
    """g or h alone: attacked without the mixture, so neither the logit scales nor the knobs change its result."""
    return candidate["name"] in ("g", "h")


def predictors(fused, candidate):
    """(predict with gamma and gradients, fast no-grad predict) for a candidate; g and h run alone."""
    if is_base(candidate):
        model = fused.std_model if candidate["name"] == "g" else fused.rob_model
        return base_predict(model), frozen_predict(model)
    return fused_predict(fused, candidate["knobs"]), frozen_predict(fused, candidate["knobs"])


def dial(shipped, kind="net"):
    """The frontier's candidates, most needed first: the adaptive mixture at the shipped knobs, the fixed alphas,
    g and h, then the adaptive mixture at the ADAPTIVE_SETTINGS of this kind of mixing function."""
    others = [adaptive(gb, al) for gb, al in ADAPTIVE_SETTINGS[kind]
              if (gb, al, 1.0) != (shipped["gamma_bias"], shipped["alpha_low"], shipped["alpha_high"])]
    return [adaptive(**shipped)] + [fixed(a) for a in FIXED_ALPHAS] + BASES + others


def measure(fused, candidate, x, y, count, eps, results_dir, log=print, where=None, chunk=None):
    """Worst-case accuracy of one candidate on the first `count` images, resumable from results_dir."""
    predict, fast = predictors(fused, candidate)
    store = os.path.join(results_dir, f"{candidate['name']}.jsonl")
    moving = candidate["kind"] == "adaptive"
    with torch.enable_grad():
        summary = worstcase.run(candidate["name"], predict, fast, x, y, count, eps, moving, store, log,
                                where=where, chunk=chunk)
    return dict(candidate, **summary)


def kept(candidate, store):
    """What the kept chunks of a candidate say, from the first image on, without attacking; None if none."""
    summary = worstcase.kept(store)
    return None if summary is None else dict(candidate, **summary)


CARD_MIN_IMAGES = 1000  # the card never reports a candidate attacked on fewer than the first 1000 test images


def card_rows(measured, log=print):
    """The measured candidates the card and the spec report: those attacked on at least CARD_MIN_IMAGES images. The
    others (a quick look at a new alpha, a run still growing) stay in results/ and are named in the log."""
    rows = []
    for m in filter(None, measured):
        if m["images"] >= CARD_MIN_IMAGES:
            rows.append(m)
        else:
            log(f"{m['name']}: attacked on {m['images']} images, fewer than the card's {CARD_MIN_IMAGES}; left out")
    return rows


@torch.no_grad()
def clean_point(fused, candidate, x, y, batch=500):
    """A candidate's clean accuracy and mean alpha on x, without attacks: {name, kind, knobs, clean, mean_alpha,
    images}."""
    knobs = knob_tensors(candidate["knobs"], x.device)
    correct, alpha = 0, 0.0
    for i in range(0, len(x), batch):
        log_probs, a = fused(x[i:i + batch], *knobs)[:2]
        correct += int((log_probs.argmax(1) == y[i:i + batch]).sum())
        alpha += float(a.sum())
    return dict(candidate, clean=round(correct / len(x), 4), mean_alpha=round(alpha / len(x), 4), images=len(x))


def with_clean_accuracy(fused, measured, x, y):
    """The candidate with `clean_all`: its clean accuracy on every image of x (the whole test set)."""
    fast = predictors(fused, measured)[1]
    correct = (predictions(fast, x) == y).float().mean()
    return dict(measured, clean_all=round(float(correct), 4), clean_all_images=len(x))


def entry(measured):
    """One frontier point for `mixguard.spec` card.frontier."""
    point = {"name": measured["name"], "kind": measured["kind"], "knobs": measured["knobs"],
             "clean": round(measured["clean"], 4), "worst": round(measured["worst"], 4),
             "images": measured["images"], "after": {k: round(v, 4) for k, v in measured["after"].items()},
             "seconds": measured["seconds"], "where": measured.get("where", [])}
    for extra in ("alpha", "clean_all", "clean_all_images", "rechecked", "restarted"):
        if extra in measured:
            point[extra] = measured[extra]
    return point
