"""Builds, evaluates and packages the bundled Fashion-MNIST adaptive-smoothing model, resuming from what it kept.

    /usr/bin/python3 models/pipeline/run_pipeline.py train [standard robust gate|mixer]  # gate: h's margin gate
    /usr/bin/python3 models/pipeline/run_pipeline.py calibrate [--clean-target 0.91]  # knobs on held-out images
    /usr/bin/python3 models/pipeline/run_pipeline.py evaluate           # the card's rows on the test set
    /usr/bin/python3 models/pipeline/run_pipeline.py frontier           # the dial: fixed alphas and adaptive knobs
    /usr/bin/python3 models/pipeline/run_pipeline.py recheck            # gradient attacks again on kept robust images
    /usr/bin/python3 models/pipeline/run_pipeline.py restart            # a second restart of the suite, shipped row
    /usr/bin/python3 models/pipeline/run_pipeline.py package            # model.onnx, card, probe set, parity
    /usr/bin/python3 models/pipeline/run_pipeline.py detection          # how the mixing net's alpha meets attacks
    /usr/bin/python3 models/pipeline/run_pipeline.py screen 1.2,0.3,0.96,1,1  # rank settings before evaluating

Add `--device cuda` (or MIXGUARD_DEVICE) on a GPU machine, and `--scales S_G,S_H` to measure or package the mixture
with other logit scales (results of each scales pair are kept apart). Training checkpoints go to --work (git-ignored);
attack results go to --results/<weights fingerprint>/ (committed, so a long evaluation goes on across sittings).
"""
import argparse
import os
import sys
import time

import torch

from mgpipe import data, frontier
from mgpipe.mixer import Recipe
from mgpipe.steps import Pipeline

HERE = os.path.dirname(os.path.abspath(__file__))


def scales(text):
    """'S_G,S_H' -> (std_scale, rob_scale), both positive."""
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 2 or min(values) <= 0:
        raise argparse.ArgumentTypeError(f"expected two positive numbers S_G,S_H, found {text!r}")
    return values


def parser():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--device", default=os.environ.get("MIXGUARD_DEVICE", "cpu"), help="torch device (cpu, cuda)")
    p.add_argument("--threads", type=int, default=int(os.environ.get("MIXGUARD_THREADS", "2")))
    p.add_argument("--work", default=os.path.join(HERE, "work"), help="checkpoints (git-ignored)")
    p.add_argument("--results", default=os.path.join(HERE, "results"), help="attack results, per weights")
    p.add_argument("--chunk", type=int, default=250, help="images per kept attack chunk and attack batch")
    p.add_argument("--scales", type=scales, default=(1.0, 1.0), metavar="S_G,S_H",
                   help="logit scales of g and h in the mixture (results are kept apart per scales)")
    p.add_argument("--out", default=os.path.join(HERE, "..", "fashion-mnist"), help="the model folder")
    sub = p.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="train g, h and/or the mixing network (mixer), or make h's margin gate (gate)")
    train.add_argument("parts", nargs="*", choices=["standard", "robust", "mixer", "gate"], default=[])
    defaults = Recipe()
    train.add_argument("--mixer-batches", type=int, default=defaults.batches)
    train.add_argument("--mixer-batch", type=int, default=defaults.batch)
    train.add_argument("--steps-df", type=int, default=defaults.steps_df, help="APGD steps = round(chi2(df))")
    train.add_argument("--targets", type=int, default=defaults.targets, help="targeted attacks per loader batch")
    train.add_argument("--lr", type=float, default=defaults.lr)
    train.add_argument("--mixer-seconds", type=float, help="as many mixer loader batches as fit in this time here")
    train.add_argument("--stop-after", type=float, help="seconds; the mixer stops at a checkpoint and goes on next run")
    for name, images, what in (("calibrate", 250, "held-out training images (the last 5,000)"),
                               ("evaluate", 1000, "test images, from the first"),
                               ("frontier", 1000, "test images, from the first")):
        cmd = sub.add_parser(name, help=f"worst-case accuracy on {what}")
        cmd.add_argument("--images", type=int, default=images)
        cmd.add_argument("--candidates", nargs="*", help="g, h, fixed-A, adaptive-GB-AL-AH (default: the step's set)")
        cmd.add_argument("--seconds", type=float, help="start no candidate after this time (a started one finishes)")
        if name == "calibrate":
            cmd.add_argument("--clean-target", type=float, metavar="ACCURACY",
                             help="choose, without attacks, the setting leaning most on h whose clean accuracy on all "
                                  "held-out images is at least ACCURACY (0.91: 91%%)")
    detect = sub.add_parser("detection", help="the mixing net's alpha on clean and attacked held-out images")
    detect.add_argument("--images", type=int, default=200)
    scr = sub.add_parser("screen", help="rank mixture settings (logit scales too) by a reduced attack, for evaluate")
    scr.add_argument("settings", nargs="+", help="S_G,S_H,ALPHA_LOW,ALPHA_HIGH[,GAMMA_BIAS]")
    scr.add_argument("--images", type=int, default=200)
    recheck = sub.add_parser("recheck", help="the gradient attacks again on the images kept results count as robust")
    recheck.add_argument("--candidates", nargs="*", help="adaptive-GB-AL-AH (default: every kept adaptive result)")
    restart = sub.add_parser("restart", help="a second restart of the suite, other random starts, on the images kept "
                                             "results count as robust")
    restart.add_argument("--candidates", nargs="*", help="names as frontier's (default: the shipped adaptive row)")
    sub.add_parser("package", help="export model.onnx with the card and frontier measured so far")
    return p


def main(argv):
    args = parser().parse_args(argv)
    torch.set_num_threads(args.threads)
    pipeline = Pipeline(args.work, args.results, args.out, torch.device(args.device), args.chunk,
                        args.scales)
    began = time.time()
    if args.command == "train":
        recipe = Recipe(batches=args.mixer_batches, batch=args.mixer_batch, steps_df=args.steps_df,
                        targets=args.targets, lr=args.lr)
        pipeline.train(args.parts or ["standard", "robust", "gate"], recipe, args.mixer_seconds, args.stop_after)
    elif args.command == "package":
        pipeline.package()
    elif args.command == "detection":
        pipeline.detection(args.images)
    elif args.command in ("recheck", "restart"):
        getattr(pipeline, args.command)([frontier.by_name(n) for n in args.candidates] if args.candidates else None)
    elif args.command == "screen":
        pipeline.screen(args.settings, args.images)
    else:
        names = args.candidates or None
        candidates = [frontier.by_name(n) for n in names] if names else None
        extra = {"clean_target": args.clean_target} if args.command == "calibrate" else {}
        getattr(pipeline, args.command)(args.images, candidates, args.seconds, **extra)
    pipeline.record_time(args.command, time.time() - began)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
