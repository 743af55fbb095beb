"""An experiment, not part of the pipeline: a fast estimate of the margin gate's frontier for a pair of bases, to rank
candidate h's before the card's suite (hours) is run on them.

The gate gives the answer to h where h's margin m_h (top-1 minus top-2 logit) is large and to g elsewhere; against
a g that an attacker fools on every image (g's worst is 0), it acts as a threshold t on h's margin. So, per image:
- clean: h's answer if m_h(x) > t, else g's;
- attacked: right only if the smallest margin of the true class that an attacker reaches on h,
  r = min over the ball of (z_y - max_{j != y} z_j), stays above t (h still decides, and is right).
Sweeping t gives a curve (clean, worst) for the pair. r comes from APGD on h alone with the margin (CW) loss,
100 iterations, kept at its best point rather than stopped at the first misclassification; it is an upper bound
on the true r, and the curve ignores the soft region of the sigmoid, so it is a ranking, not a card claim. The
card's measured gate points say how far the estimate is off (results/attempts.md).

    /usr/bin/python3 experiments/margin_frontier.py G_WEIGHTS H_WEIGHTS [IMAGES]
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from mgpipe import apgd, attacks, train  # noqa: E402
from mgpipe.steps import EPSILON  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from continue_bases import pipeline, trained  # noqa: E402
from h_margin_gate import margin  # noqa: E402


def smallest_margins(h, x, y, batch=250):
    """r per image: the smallest true-class margin APGD (margin loss, 100 iterations) reaches on h in the ball."""
    def predict(xb):
        return h(xb)[0], None

    def loss(z, gamma, yb, **_):
        return -attacks.margin(z, yb)

    out = []
    for s in range(0, len(x), batch):
        _, _, x_best = apgd.apgd(predict, loss, x[s:s + batch], y[s:s + batch], EPSILON, n_iter=100,
                                 indices=torch.arange(s, min(s + batch, len(x))), stop_on_success=False)
        with torch.no_grad():
            out.append(attacks.margin(h(x_best)[0], y[s:s + batch]))
    return torch.cat(out)


def curve(g_right, h_right, m_h, r, thresholds):
    """(t, clean, worst) in percent for each threshold t."""
    rows = []
    for t in thresholds:
        clean = torch.where(m_h > t, h_right, g_right).float().mean().item()
        rows.append((t, 100 * clean, 100 * (r > t).float().mean().item()))
    return rows


def main(g_weights, h_weights, images):
    torch.set_num_threads(int(os.environ.get("MIXGUARD_THREADS", "1")))
    x, y = pipeline().split("test")
    x, y = x[:images], y[:images]
    g, h = trained("standard", g_weights).eval(), trained("robust", h_weights).eval()
    with torch.no_grad():
        zg, zh = g(x)[0], h(x)[0]
    g_right, h_right, r = zg.argmax(1) == y, zh.argmax(1) == y, smallest_margins(h, x, y)
    train.log(f"{g_weights} + {h_weights}, first {images} test images: g clean {100 * g_right.float().mean():.1f}, "
              f"h clean {100 * h_right.float().mean():.1f}, h worst (margin APGD) {100 * (r > 0).float().mean():.1f}")
    for t, clean, worst in curve(g_right, h_right, margin(zh), r, [i / 4 for i in range(13)]):
        print(f"t {t:5.2f}  clean {clean:5.1f}  worst {worst:5.1f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 1000)
