"""Builds the bundled Fashion-MNIST adaptive-smoothing model end to end, resuming from what `work/` holds.

    /usr/bin/python3 models/pipeline/run_pipeline.py            # every step
    /usr/bin/python3 models/pipeline/run_pipeline.py package    # one step (standard, robust, mixer, calibrate,
                                                                # evaluate, package)
Set MIXGUARD_THREADS (default 2). Progress goes to stdout, one line per epoch or checkpoint.
"""
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from mgpipe import artifacts, calibrate, card, data, evaluate, export, mixer, train  # noqa: E402
from mgpipe.fused import FusedModel, build_fashion_models  # noqa: E402

WORK = os.environ.get("MIXGUARD_WORK", os.path.join(HERE, "work"))
OUT = os.environ.get("MIXGUARD_OUT", os.path.join(HERE, "..", "fashion-mnist"))
EPSILON = 0.1
CALIBRATION_IMAGES = int(os.environ.get("MIXGUARD_CALIBRATION_IMAGES", "300"))
VALIDATION = 5000  # the last 5000 training images: held out from all training, used only for calibration
BASES = {  # each kind trains in stages of (epochs, peak lr) one-cycle schedules, each stage from the last
    "standard": dict(stages=[(8, 0.05), (6, 0.02)], adversary=None, seed=1),
    "robust": dict(stages=[(8, 0.05)], adversary=dict(eps=EPSILON, steps=4, step_size=0.035), seed=2),
}
MIXER = dict(batches=int(os.environ.get("MIXGUARD_MIXER_BATCHES", "100")), batch=64, lr=1e-3, seed=3)
ATTACK_IMAGES = int(os.environ.get("MIXGUARD_ATTACK_IMAGES", "1000"))
SQUARE_IMAGES = int(os.environ.get("MIXGUARD_SQUARE_IMAGES", "1000"))
SEED = 7  # evaluation attacks: PGD-CE SEED, adaptive PGD SEED + 1, targeted SEED + 2 + rank, Square SEED + 3
THREAT_MODEL = {"norm": "linf", "epsilon": EPSILON, "l2_epsilon": 1.5}


def path(name):
    return os.path.join(WORK, name)


def timed(step, fn):
    start = time.time()
    result = fn()
    times = json.load(open(path("times.json"))) if os.path.exists(path("times.json")) else {}
    times[step] = times.get(step, 0) + round(time.time() - start)
    json.dump(times, open(path("times.json"), "w"), indent=1)
    return result


def train_base(kind):
    if os.path.exists(path(f"{kind}.pt")):
        return
    cfg = BASES[kind]
    torch.manual_seed(cfg["seed"])
    x, y = data.to_tensors(*data.load_split("train"))
    g, h, _ = build_fashion_models()
    model = g if kind == "standard" else h
    for stage, (epochs, lr) in enumerate(cfg["stages"]):
        checkpoint = path(f"{kind}.ckpt" if stage == 0 else f"{kind}-stage{stage}.ckpt")
        train.train_classifier(model, x[:-VALIDATION], y[:-VALIDATION], x[-VALIDATION:], y[-VALIDATION:],
                               checkpoint, epochs, cfg["seed"] + 100 * stage, lr=lr, adversary=cfg["adversary"])
    torch.save(model.state_dict(), path(f"{kind}.pt"))


def load_fused(with_mixer=True):
    g, h, m = build_fashion_models()
    g.load_state_dict(torch.load(path("standard.pt")))
    h.load_state_dict(torch.load(path("robust.pt")))
    fused = FusedModel(g, h, m)
    if with_mixer:
        state = torch.load(path("mixer.pt"))
        fused.mixer.load_state_dict(state["mixer"])
        fused.bn.load_state_dict(state["bn"])
    return fused.eval()


def train_mixing_net():
    if os.path.exists(path("mixer.pt")):
        return
    torch.manual_seed(MIXER["seed"])
    fused = load_fused(with_mixer=False)
    x, y = data.to_tensors(*data.load_split("train"))
    mixer.train_mixer(fused, x[:-VALIDATION], y[:-VALIDATION], path("mixer.ckpt"), MIXER["batches"],
                      MIXER["seed"], EPSILON, MIXER["batch"], MIXER["lr"], log=train.log)
    torch.save({"mixer": fused.mixer.state_dict(), "bn": fused.bn.state_dict()}, path("mixer.pt"))


def calibrate_knobs():
    """Measures the knob grid on held-out images (kept in work/calibration-grid.json), then selects."""
    if os.path.exists(path("calibration.json")):
        return
    grid_file = path("calibration-grid.json")
    measured = json.load(open(grid_file)) if os.path.exists(grid_file) else None
    x, y = data.to_tensors(*data.load_split("train"))
    knobs, fixed_alpha, grid = calibrate.choose_knobs(load_fused(), x[-VALIDATION:][:CALIBRATION_IMAGES],
                                                      y[-VALIDATION:][:CALIBRATION_IMAGES],
                                                      EPSILON, train.log, measured)
    json.dump(grid, open(grid_file, "w"), indent=1)
    json.dump({"knobs": knobs, "fixed_alpha": fixed_alpha, **grid}, open(path("calibration.json"), "w"), indent=1)


def evaluate_one(name, fused, knobs, x, y):
    """One card row, saved to work/eval-NAME.json so that models can run in parallel processes and resume; Square
    chunks are kept in work/square-NAME-START.json. A row whose Square covers fewer than SQUARE_IMAGES images is
    extended (its finished chunks are kept, the rest attacked)."""
    out = path(f"eval-{name}.json")
    square_cache = lambda start: path(f"square-{name}-{start}.json")
    row = json.load(open(out)) if os.path.exists(out) else None
    if row is not None and len(row["_per_image"]["square"]) >= SQUARE_IMAGES:
        return row
    predict, fast_predict = evaluate.candidate(fused, name, knobs)
    if row is not None:
        extend_square(name, row, fast_predict, x, y, square_cache)
    else:
        row = evaluate.evaluate_model(name, predict, fast_predict, x, y, ATTACK_IMAGES, SQUARE_IMAGES, EPSILON,
                                      SEED, train.log, square_cache=square_cache)
        adversarial = row.pop("_adversarial")
        if knobs is not None:
            row["mean_alpha"] = {"clean": evaluate.mean_alpha(fused, knobs, x),
                                 "attacked": evaluate.mean_alpha(fused, knobs, adversarial)}
            if knobs["alpha_low"] == knobs["alpha_high"]:
                row["alpha"] = knobs["alpha_low"]
    json.dump(row, open(out + ".tmp", "w"))
    os.replace(out + ".tmp", out)
    return row


def extend_square(name, row, fast_predict, x, y, square_cache):
    """Runs Square on the images a saved row lacks, keeping the chunks it has, and recomputes its numbers."""
    sets = {k: torch.tensor(v) for k, v in row["_per_image"].items()}
    done = len(sets["square"])
    if done % evaluate.SQUARE_CHUNK:
        raise SystemExit(f"expected Square on a multiple of {evaluate.SQUARE_CHUNK} images in eval-{name}.json, "
                         f"found {done}: delete it to evaluate {name} again")
    for start in range(0, done, evaluate.SQUARE_CHUNK):
        if not os.path.exists(square_cache(start)):
            chunk = sets["square"][start:start + evaluate.SQUARE_CHUNK]
            json.dump({"end": start + len(chunk), "robust": chunk.tolist()}, open(square_cache(start), "w"))
    train.log(f"{name}: extending Square from {done} to {SQUARE_IMAGES} images")
    start = time.time()
    clean = evaluate.predictions(fast_predict, x[:SQUARE_IMAGES]) == y[:SQUARE_IMAGES]
    sets["square"] = evaluate.square_sets(fast_predict, x, y, SQUARE_IMAGES, EPSILON, SEED + 3, clean,
                                          square_cache)
    train.log(f"{name} square: {float(sets['square'].float().mean()):.4f} ({time.time() - start:.0f}s)")
    row["robust"], row["_per_image"] = evaluate.summarize(sets)


def evaluate_models():
    """Evaluates the four classifiers (or those named in MIXGUARD_EVAL_MODELS) and merges them into card.json.
    g and h need no mixing net or calibration, so they can be evaluated while the mixing net trains."""
    names = ["standard", "robust", "fixed_mix", "adaptive"]
    wanted = os.environ.get("MIXGUARD_EVAL_MODELS", ",".join(names)).split(",")
    mixtures = any(n in wanted for n in ("fixed_mix", "adaptive"))
    fused = load_fused(with_mixer=mixtures)
    knobs = dict.fromkeys(names)
    if mixtures:
        cal = json.load(open(path("calibration.json")))
        knobs["adaptive"] = cal["knobs"]
        knobs["fixed_mix"] = dict(cal["knobs"], alpha_low=cal["fixed_alpha"], alpha_high=cal["fixed_alpha"])
    x, y = data.to_tensors(*data.load_split("test"))
    rows = {name: evaluate_one(name, fused, knobs[name], x, y) for name in names if name in wanted}
    if len(rows) < len(names):
        return
    per_image = {name: row.pop("_per_image") for name, row in rows.items()}
    result = {"test_images": len(x), "attack_images": ATTACK_IMAGES, "square_images": SQUARE_IMAGES,
              "epsilon": EPSILON, "models": rows}
    json.dump(result, open(path("card.json"), "w"), indent=1)
    json.dump(per_image, open(path("per-image.json"), "w"))


def package():
    fused = load_fused()
    cal = json.load(open(path("calibration.json")))
    if not os.path.exists(path("card.json")):
        raise SystemExit("expected work/card.json from the evaluate step, found none: run the evaluate step first")
    result = json.load(open(path("card.json")))
    times = json.load(open(path("times.json")))
    os.makedirs(os.path.join(OUT, "weights"), exist_ok=True)
    for name, module in (("standard", fused.std_model), ("robust", fused.rob_model)):
        torch.save(module.state_dict(), os.path.join(OUT, "weights", f"{name}.pt"))
    torch.save({"mixer": fused.mixer.state_dict(), "bn": fused.bn.state_dict()}, os.path.join(OUT, "weights", "mixer.pt"))
    provenance = {"pipeline": "models/pipeline/run_pipeline.py", "torch": torch.__version__,
                  "dataset": "Fashion-MNIST (Debian dataset-fashion-mnist)", "seconds": times,
                  "bases": BASES, "mixer": MIXER, "calibration": {"knobs": cal["knobs"], "fixed_alpha": cal["fixed_alpha"]}}
    spec = export.make_spec(fused, "fashion-mnist", "1", data.LABELS, (1, 28, 28), "grey", cal["knobs"],
                            THREAT_MODEL, card=result, provenance=provenance)
    export.export(fused, spec, os.path.join(OUT, "model.onnx"))
    images, labels = data.load_split("test")
    artifacts.write_labels(OUT, data.LABELS)
    artifacts.write_samples(OUT, images, labels, data.LABELS)
    correct = artifacts.write_probe_set(OUT, fused, cal["knobs"], images, labels)
    x, y = data.to_tensors(images[:32], labels[:32])
    artifacts.write_parity(OUT, fused, cal["knobs"], x, y, EPSILON)
    card.write_model_card(os.path.join(OUT, "model-card.md"), result, cal, times, correct)
    train.log(f"packaged into {os.path.normpath(OUT)}; probe set: PyTorch gets {correct}/1000")


STEPS = {"standard": lambda: train_base("standard"), "robust": lambda: train_base("robust"),
         "mixer": train_mixing_net, "calibrate": calibrate_knobs, "evaluate": evaluate_models, "package": package}


def main(argv):
    torch.set_num_threads(int(os.environ.get("MIXGUARD_THREADS", "2")))
    os.makedirs(WORK, exist_ok=True)
    for step in (argv or list(STEPS)):
        if step not in STEPS:
            raise SystemExit(f"expected one of {', '.join(STEPS)}, found {step!r}")
        train.log(f"step {step}")
        timed(step, STEPS[step])


if __name__ == "__main__":
    main(sys.argv[1:])
