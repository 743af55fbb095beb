"""Trains g or h of the bundled Fashion-MNIST model (resumable). Usage: train_bases.py standard|robust WORKDIR."""
import os
import sys

import torch

from mgpipe import data, train
from mgpipe.fused import build_fashion_models

CONFIG = {
    "standard": dict(epochs=8, lr=0.05, adversary=None, seed=1),
    "robust": dict(epochs=8, lr=0.05, adversary=dict(eps=0.1, steps=4, step_size=0.035), seed=2),
}
VALIDATION = 5000  # the last 5000 training images are held out from all training, for calibration


def main(kind, work):
    torch.set_num_threads(int(os.environ.get("MIXGUARD_THREADS", "1")))
    torch.manual_seed(CONFIG[kind]["seed"])
    os.makedirs(work, exist_ok=True)
    x, y = data.to_tensors(*data.load_split("train"))
    g, h, _ = build_fashion_models()
    model = g if kind == "standard" else h
    cfg = CONFIG[kind]
    train.train_classifier(model, x[:-VALIDATION], y[:-VALIDATION], x[-VALIDATION:], y[-VALIDATION:],
                           os.path.join(work, f"{kind}.ckpt"), cfg["epochs"], cfg["seed"], lr=cfg["lr"],
                           adversary=cfg["adversary"])
    torch.save(model.state_dict(), os.path.join(work, f"{kind}.pt"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
