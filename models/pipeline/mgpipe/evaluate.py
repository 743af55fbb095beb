"""Predict functions for the card's classifiers: base models alone, and fast frozen copies for no-grad passes."""
import torch
import torch.nn.functional as F

from .export import knob_tensors
from .fused import OnnxFusedGraph

FROZEN_INPUT = (1, 28, 28)


def base_predict(model):
    return lambda x: (F.log_softmax(model(x)[0], dim=1), None)


def fused_predict(fused, knobs):
    """The fused model at given knobs as an attack's predict function: (log_probs, gamma)."""
    k = knob_tensors(knobs, next(fused.parameters()).device)
    return lambda x: (lambda out: (out[0], out[4]))(fused(x, *k))


class _LogProbs(torch.nn.Module):
    """A base model's log-probabilities, for tracing."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return F.log_softmax(self.model(x)[0], dim=1)


def frozen_predict(model, knobs=None):
    """A no-grad predict function for Square and clean passes, which need no gradients. On the CPU a traced,
    frozen TorchScript copy (the same function to float rounding, about 2.5x faster on a 2-core CPU); elsewhere
    the model itself, so nothing depends on TorchScript where it may be deprecated."""
    device = next(model.parameters()).device
    if device.type != "cpu":
        k = knob_tensors(knobs, device) if knobs is not None else None
        eager = _LogProbs(model).eval() if knobs is None else OnnxFusedGraph(model).eval()
        return torch.no_grad()(lambda x: (eager(x) if k is None else eager(x, *k)[0], None))
    example = torch.rand(8, *FROZEN_INPUT, device=device)
    with torch.no_grad():
        if knobs is None:
            module = torch.jit.trace(_LogProbs(model).eval(), example)
            run = lambda x: module(x)
        else:
            k = knob_tensors(knobs, device)
            module = torch.jit.trace(OnnxFusedGraph(model).eval(), (example, *k))
            run = lambda x: module(x, *k)[0]
        module = torch.jit.optimize_for_inference(torch.jit.freeze(module))
    return lambda x: (run(x), None)


@torch.no_grad()
def predictions(predict, x, batch=500):
    return torch.cat([predict(x[i:i + batch])[0].argmax(1) for i in range(0, len(x), batch)])
