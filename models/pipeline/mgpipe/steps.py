"""The pipeline's steps over one work folder, results folder and model folder: train, calibrate, evaluate,
frontier, package. Each step resumes from what the folders hold."""
import dataclasses
import functools
import json
import os
import platform
import shutil
import time

import torch

from . import calibrate, card, data, detection, export, frontier, mixer, screen, train, worstcase
from .fused import MIXERS, FusedModel, build_fashion_models, width_of

EPSILON = 0.1
NAN_FIX = ("fused.log_mixture passed NaN gradients back where alpha rounds to exactly 1 (fixed 2026-11-27), "
           "which stalled APGD on those images")
VALIDATION = 5000  # the last 5000 training images: held out from all training, used only for calibration
# g and h are built at these widths (g first, then h, after the seed); each kind trains in stages of (epochs,
# peak lr) one-cycle schedules, each stage from the last
BASES = {
    "standard": dict(width=32, stages=[(20, 0.05)], adversary=None, seed=1),
    "robust": dict(width=24, stages=[(15, 0.05)], adversary=dict(eps=EPSILON, steps=4, step_size=0.035), seed=2),
}
THREAT_MODEL = {"norm": "linf", "epsilon": EPSILON, "l2_epsilon": 1.5}


def widths():
    """(g's width, h's width) of the recipe."""
    return BASES["standard"]["width"], BASES["robust"]["width"]


class Pipeline:
    """The steps, reading and writing `work` (checkpoints), `results` (attack results per weights) and `out`."""

    def __init__(self, work, results, out, device, chunk=worstcase.CHUNK, scales=(1.0, 1.0)):
        self.work, self.results_root, self.out, self.device, self.chunk = work, results, out, device, chunk
        self.scales = scales  # (std_scale, rob_scale): the logit scales of the mixture (section 1.4)
        os.makedirs(work, exist_ok=True)

    def weights(self, name):
        """work/NAME.pt when this pipeline trained it, else the committed out/weights/NAME.pt."""
        trained = os.path.join(self.work, f"{name}.pt")
        return trained if os.path.exists(trained) else os.path.join(self.out, "weights", f"{name}.pt")

    def load_fused(self, with_mixer=True):
        """g, h and the kept mixing function (its kind from mixer.pt; a fresh mixing net without it)."""
        state = train.load(self.weights("mixer")) if with_mixer else {}
        std, rob = train.load(self.weights("standard")), train.load(self.weights("robust"))
        g, h, m = build_fashion_models(width_of(std), width_of(rob), mixer=state.get("kind", "net"))
        g.load_state_dict(std)
        h.load_state_dict(rob)
        fused = FusedModel(g, h, m, std_scale=self.scales[0], rob_scale=self.scales[1])
        if with_mixer:
            fused.mixer.load_state_dict(state["mixer"])
            fused.bn.load_state_dict(state["bn"])
            fused.mixer_recipe = state.get("recipe")  # how the mixing net was trained, for the card
        return fused.to(self.device).eval()

    def split(self, name):
        """(x, y) on the device: the test set, or the held-out tail of the training set."""
        if name == "test":
            x, y = data.to_tensors(*data.load_split("test"))
        else:
            x, y = data.to_tensors(*data.load_split("train"))
            x, y = (x[-VALIDATION:], y[-VALIDATION:]) if name == "heldout" else (x[:-VALIDATION], y[:-VALIDATION])
        return x.to(self.device), y.to(self.device)

    def results(self, fused, *parts, candidate=None):
        """results/<fingerprint>/parts..., the fingerprint of what the candidate depends on (frontier.fingerprint):
        g's and h's results are shared by every pair of logit scales, the fixed alphas' by every mixing function."""
        return os.path.join(self.results_root, frontier.fingerprint(fused, candidate), *parts)

    def where(self):
        if self.device.type == "cuda":
            return f"cuda ({torch.cuda.get_device_name(self.device)})"
        return f"cpu ({platform.machine()}, {torch.get_num_threads()} threads)"

    def train(self, parts, recipe, mixer_seconds=None, stop_after=None):
        for kind in [p for p in ("standard", "robust") if p in parts]:
            self._train_base(kind)
        if "mixer" in parts:
            self._train_mixer(recipe, mixer_seconds, stop_after)
        if "gate" in parts:
            self._make_gate()

    def _make_gate(self):
        """work/mixer.pt for h's margin gate (nets.MarginGate): nothing to train, the BatchNorm is the identity."""
        done = os.path.join(self.work, "mixer.pt")
        if os.path.exists(done):
            kind = train.load(done).get("kind", "net")
            if kind == "gate":
                return
            raise SystemExit(f"expected {done} to hold the gate or nothing, found a mixing {kind}: move it away to "
                             "make the gate")
        fused = FusedModel(*build_fashion_models(*widths(), mixer="gate"))
        torch.save({"kind": fused.mixer_kind, "mixer": fused.mixer.state_dict(), "bn": fused.bn.state_dict(),
                    "recipe": None}, done)

    def _train_base(self, kind):
        if os.path.exists(os.path.join(self.work, f"{kind}.pt")):
            return
        cfg = BASES[kind]
        torch.manual_seed(cfg["seed"])
        x, y = self.split("train")
        x_val, y_val = self.split("heldout")
        g, h, _ = build_fashion_models(*widths())
        model = (g if kind == "standard" else h).to(self.device)
        for stage, (epochs, lr) in enumerate(cfg["stages"]):
            name = f"{kind}.ckpt" if stage == 0 else f"{kind}-stage{stage}.ckpt"
            train.train_classifier(model, x, y, x_val, y_val, os.path.join(self.work, name), epochs,
                                   cfg["seed"] + 100 * stage, lr=lr, adversary=cfg["adversary"])
        torch.save(model.state_dict(), os.path.join(self.work, f"{kind}.pt"))

    def _train_mixer(self, recipe, seconds=None, stop_after=None):
        """Trains the mixing net by `recipe`; with `seconds`, as many loader batches as fit in that time here (a
        run that resumes keeps the batch count its checkpoint was started with); with `stop_after`, it stops at a
        checkpoint after that many seconds and writes mixer.pt only once every batch is done."""
        began = time.time()
        done, checkpoint = os.path.join(self.work, "mixer.pt"), os.path.join(self.work, "mixer.ckpt")
        if os.path.exists(done):
            return
        fused = self.load_fused(with_mixer=False)
        x, y = self.split("train")
        kept = mixer.kept_recipe(checkpoint) if seconds else None
        if kept:
            recipe = kept
        elif seconds:
            rate = mixer.seconds_per_batch(fused, x, y, recipe)
            batches = max(int((seconds - (time.time() - began)) / rate), 1)
            train.log(f"mixer: {rate:.2f}s per loader batch of {recipe.batch} here, {batches} batches fit in {seconds}s")
            recipe = dataclasses.replace(recipe, batches=batches)
        stop_at = began + stop_after if stop_after is not None else None
        if not mixer.train_mixer(fused, x, y, checkpoint, recipe, log=train.log, stop_at=stop_at):
            return
        torch.save({"mixer": fused.mixer.state_dict(), "bn": fused.bn.state_dict(), "recipe": recipe.__dict__},
                   done)

    def measure(self, fused, split, images, candidates, seconds=None):
        """Each candidate's worst case on the first `images` of a split, in order; with `seconds`, no candidate
        starts after that time (a started one finishes), so a budgeted sitting keeps whole results."""
        x, y = self.split(split)
        deadline, measured = time.time() + (seconds or float("inf")), []
        for c in candidates:
            if time.time() > deadline:
                train.log(f"{c['name']}: not started, the step's {seconds:.0f}s are spent")
                continue
            measured.append(frontier.measure(fused, c, x, y, images, EPSILON, self.results(fused, split, candidate=c),
                                             train.log, self.where(), self.chunk))
        return measured

    def calibrate(self, images, candidates=None, seconds=None, clean_target=None):
        """Selects the shipped knobs on held-out images: by the calibration grid's worst cases, or with
        `clean_target` by clean accuracy alone on all held-out images (calibrate.select_by_clean)."""
        fused = self.load_fused()
        grid = candidates or calibrate.grid(fused.mixer_kind)
        if clean_target is None:
            measured = [frontier.entry(m) for m in self.measure(fused, "heldout", images, grid, seconds)]
            chosen = calibrate.select(measured)
        else:
            x, y = self.split("heldout")
            measured = [frontier.clean_point(fused, c, x, y) for c in grid if c["kind"] == "adaptive"]
            chosen, images = calibrate.select_by_clean(measured, clean_target), len(x)
        os.makedirs(self.results(fused), exist_ok=True)
        with open(self.results(fused, "calibration.json"), "w") as f:
            json.dump(dict(chosen, images=images, measured=measured), f, indent=1)
        train.log(f"chosen knobs {chosen['knobs']}: {chosen['reason']}")

    def shipped(self, fused):
        """The calibration kept for these weights: the shipped knobs and why."""
        path = self.results(fused, "calibration.json")
        if not os.path.exists(path):
            raise SystemExit(f"expected {path} from the calibrate step, found none: run the calibrate step first")
        return json.load(open(path))

    def evaluate(self, images, candidates=None, seconds=None):
        """The card's rows on the test set: the adaptive mixture at the shipped knobs, g and h."""
        fused = self.load_fused()
        knobs = self.shipped(fused)["knobs"]
        self.measure(fused, "test", images, candidates or [frontier.adaptive(**knobs)] + frontier.BASES, seconds)

    def frontier(self, images, candidates=None, seconds=None):
        """Fixed alphas and adaptive settings (the shipped one included) on the test set."""
        fused = self.load_fused()
        candidates = candidates or frontier.dial(self.shipped(fused)["knobs"], fused.mixer_kind)
        self.measure(fused, "test", images, candidates, seconds)

    def recheck(self, candidates=None, reason=NAN_FIX):
        """The gradient attacks again on the images each kept adaptive result on the test set counts as robust
        (worstcase.recheck), for the given candidates or every adaptive setting of this mixing function."""
        fused = self.load_fused()
        stored = [frontier.by_name(n) for n in self._stored(self.results(fused, "test"))]
        self._rerun(fused, candidates or [c for c in stored if c["kind"] == "adaptive"],
                    functools.partial(worstcase.recheck, reason=reason), "rechecked")

    def restart(self, candidates=None):
        """A second restart of the suite on the images each kept test result counts as robust (worstcase.restart),
        for the given candidates or the adaptive mixture at the shipped knobs."""
        fused = self.load_fused()
        self._rerun(fused, candidates or [frontier.adaptive(**self.shipped(fused)["knobs"])], worstcase.restart,
                    "restarted")

    def _rerun(self, fused, candidates, rerun, done):
        """`rerun` (worstcase.recheck or restart) on each candidate's kept results on the test set."""
        x, y = self.split("test")
        for c in candidates:
            predict, fast = frontier.predictors(fused, c)
            store = self.results(fused, "test", f"{c['name']}.jsonl", candidate=c)
            summary = rerun(store, predict, fast, x, y, EPSILON, log=train.log, where=self.where())
            train.log(f"{c['name']}: {done}, worst {summary['worst']:.4f} on {summary['images']} images")

    def detection(self, images):
        """Prints how the mixing net's alpha answers attacks on the first held-out images (`detection`)."""
        x, y = self.split("heldout")
        for line in detection.report(self.load_fused(), x[:images], y[:images], EPSILON):
            train.log(line)

    def screen(self, settings, images):
        """Prints the reduced-attack screen of each setting on held-out images (`screen`)."""
        x, y = self.split("heldout")
        fused = self.load_fused()
        for setting in settings:
            train.log(screen.screen(fused, setting, x[:1000], y[:1000], x[:images], y[:images], EPSILON))

    def measured(self, fused, split="test"):
        """Every candidate measured so far on a split, from the kept results (none attacked here): g and h, the fixed
        alphas of these scales and the adaptive settings of this mixing function."""
        fixed = self.results(fused, split, candidate=frontier.fixed(0.5))
        names = [n for n in self._stored(fixed) if frontier.by_name(n)["kind"] == "fixed"]
        names += [n for n in self._stored(self.results(fused, split)) if frontier.by_name(n)["kind"] == "adaptive"]
        candidates = [frontier.by_name(n) for n in sorted(set(names))]
        candidates = [c for c in frontier.BASES if c not in candidates] + candidates
        stores = [self.results(fused, split, f"{c['name']}.jsonl", candidate=c) for c in candidates]
        return [frontier.kept(c, store) for c, store in zip(candidates, stores) if os.path.exists(store)]

    @staticmethod
    def _stored(folder):
        """The candidate names with kept results in a folder."""
        return [f[:-len(".jsonl")] for f in os.listdir(folder) if f.endswith(".jsonl")] if os.path.isdir(folder) else []

    def package(self):
        from . import artifacts, plot  # Pillow and matplotlib: needed here only, absent on the GPU machine
        fused = self.load_fused()
        calibration = self.shipped(fused)
        x_all, y_all = self.split("test")
        rows = [frontier.with_clean_accuracy(fused, m, x_all, y_all)
                for m in frontier.card_rows(self.measured(fused), train.log)]
        points = [frontier.entry(m) for m in rows]
        plot.frontier(points, calibration["knobs"], os.path.join(self.out, "frontier.png"))
        result = {"threat_model": THREAT_MODEL, "attacks": worstcase.describe(), "frontier": points,
                  "shipped": calibration["knobs"], "fingerprint": frontier.fingerprint(fused)}
        os.makedirs(os.path.join(self.out, "weights"), exist_ok=True)
        for name in ("standard", "robust", "mixer"):
            source, target = self.weights(name), os.path.join(self.out, "weights", f"{name}.pt")
            if os.path.abspath(source) != os.path.abspath(target):
                shutil.copyfile(source, target)
        cpu = fused.to("cpu")
        provenance = {"pipeline": "models/pipeline/run_pipeline.py", "torch": torch.__version__,
                      "dataset": "Fashion-MNIST (Debian dataset-fashion-mnist)", "bases": BASES,
                      "mixing_function": MIXERS[fused.mixer_kind],
                      "calibration": {k: calibration[k] for k in ("knobs", "reason", "images")},
                      "seconds": self.times()}
        spec = export.make_spec(cpu, "fashion-mnist", "1", data.LABELS, (1, 28, 28), "grey", calibration["knobs"],
                                THREAT_MODEL, card=result, provenance=provenance)
        export.export(cpu, spec, os.path.join(self.out, "model.onnx"))
        images, labels = data.load_split("test")
        artifacts.write_labels(self.out, data.LABELS)
        artifacts.write_samples(self.out, images, labels, data.LABELS)
        correct = artifacts.write_probe_set(self.out, cpu, calibration["knobs"], images, labels)
        x, y = data.to_tensors(images[:32], labels[:32])
        artifacts.write_parity(self.out, cpu, calibration["knobs"], x, y, EPSILON)
        card.write_model_card(os.path.join(self.out, "model-card.md"), rows, calibration, provenance["seconds"],
                              correct, mixer.describe(fused.mixer_recipe, fused.mixer_kind), self.attempts(),
                              self.scales, fused.mixer_kind,
                              bases=card.architecture(fused.std_model, fused.rob_model, BASES))
        train.log(f"packaged into {os.path.normpath(self.out)}; probe set: PyTorch gets {correct}/1000")

    def attempts(self):
        """results/attempts.md: every retraining of the mixing net and what it measured, for the card."""
        path = os.path.join(self.results_root, "attempts.md")
        return open(path).read().strip() if os.path.exists(path) else "Only the training above."

    def times(self):
        path = os.path.join(self.results_root, "times.json")
        return json.load(open(path)) if os.path.exists(path) else {}

    def record_time(self, step, seconds):
        times = self.times()
        times[step] = times.get(step, 0) + round(seconds)
        os.makedirs(self.results_root, exist_ok=True)
        with open(os.path.join(self.results_root, "times.json"), "w") as f:
            json.dump(times, f, indent=1)
