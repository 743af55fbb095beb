"""The fused adaptive-smoothing classifier: g, h, the mixing net and the exact alpha chain (sections 1.3, 2.3, 7)."""
import torch
from torch import nn
import torch.nn.functional as F

from .nets import MarginGate, MixingNet, SmallResNet

TRAIN_GAMMA_SCALE = 2.0  # training reparameterisation (gamma_consts.train), section 1.4
TRAIN_GAMMA_BIAS = 0.4
CLAMP_STDS = 0.6  # training-only clamp of the raw gamma to batch mean +- 0.6 std


def alpha_chain(gamma_norm, gamma_scale, gamma_bias, alpha_low, alpha_high):
    """gamma = gamma_scale * z + gamma_bias; alpha = alpha_low + (alpha_high - alpha_low) * sigmoid(gamma).

    alpha_low is the paper's alpha_bias (the guaranteed minimum weight on h) and alpha_high - alpha_low its
    alpha_scale. Returns (gamma, alpha).
    """
    gamma = gamma_norm * gamma_scale + gamma_bias
    alpha = alpha_low + (alpha_high - alpha_low) * torch.sigmoid(gamma)
    return gamma, alpha


def log_mixture(std_logits, rob_logits, alpha, std_scale: float, rob_scale: float):
    """log((1-a) softmax(s_g g) + a softmax(s_h h)), computed stably as a logsumexp in fp32 (section 7.2).

    alpha has shape [N]; alpha in {0, 1} gives log 0 = -inf inside the logsumexp, which is exact. Both logs only
    ever see arguments inside their domain (the usual double `where`), so a saturated alpha (sigmoid(gamma) rounds
    to exactly 1 in fp32 from gamma of about 17) passes back a zero gradient instead of 0 * inf = NaN, which stalled
    every gradient attack on such an image. The values are the same as log1p(-alpha) and log(alpha), bit for bit.
    """
    std_lp = F.log_softmax(std_logits.float() * std_scale, dim=1)
    rob_lp = F.log_softmax(rob_logits.float() * rob_scale, dim=1)
    a = alpha.float().unsqueeze(1)
    minus_inf = torch.full_like(a, float("-inf"))
    below_one, above_zero = a < 1, a > 0
    log_g_weight = torch.where(below_one, torch.log1p(-torch.where(below_one, a, torch.zeros_like(a))), minus_inf)
    log_h_weight = torch.where(above_zero, torch.log(torch.where(above_zero, a, torch.ones_like(a))), minus_inf)
    terms = torch.stack([log_g_weight + std_lp, log_h_weight + rob_lp], dim=0)
    return torch.logsumexp(terms, dim=0)


class FusedModel(nn.Module):
    """g, h and the mixing net in one module with the fused-graph contract's inputs and outputs.

    Base models are frozen and always in eval mode. In train() mode the mixing net and the gamma BatchNorm use
    batch statistics, the raw gamma is clamped to mean +- 0.6 std, and no alpha range is applied; the knobs
    passed to forward are used as given (training passes gamma_bias=0.4, alpha range (0, 1)).
    """

    def __init__(self, std_model, rob_model, mixer, gamma_scale=TRAIN_GAMMA_SCALE,
                 std_scale: float = 1.0, rob_scale: float = 1.0):
        super().__init__()
        if std_scale <= 0 or rob_scale <= 0:
            raise ValueError(f"expected positive std_scale and rob_scale, found {std_scale}, {rob_scale}")
        self.std_model, self.rob_model, self.mixer = std_model, rob_model, mixer
        self.bn = nn.BatchNorm1d(1, affine=False, momentum=0.01, eps=1e-5)
        if not any(True for _ in mixer.parameters()):
            self.identity_bn()
        self.gamma_scale, self.std_scale, self.rob_scale = gamma_scale, std_scale, rob_scale
        for p in list(std_model.parameters()) + list(rob_model.parameters()):
            p.requires_grad_(False)

    @property
    def mixer_kind(self):
        """The kind of mixing function, a key of MIXERS."""
        return "gate" if isinstance(self.mixer, MarginGate) else "net"

    def identity_bn(self):
        """Sets the gamma BatchNorm to mean 0 and variance 1 - eps, so that in eval mode it returns its input exactly:
        a mixing function without weights (the margin gate) has a raw gamma on a meaningful scale already."""
        self.bn.running_mean.zero_()
        self.bn.running_var.fill_(1.0 - self.bn.eps)

    def train(self, mode: bool = True):
        super().train(mode)
        self.std_model.eval()
        self.rob_model.eval()
        return self

    def raw_gamma(self, images):
        """Runs both bases and the mixing net: (std_logits, rob_logits, raw gamma [N])."""
        std_out, rob_out = self.std_model(images), self.rob_model(images)
        return std_out[0], rob_out[0], self.mixer(std_out, rob_out).reshape(-1)

    def forward(self, image, gamma_bias, alpha_low, alpha_high):
        """Returns (log_probs [N,K], alpha [N], std_logits [N,K], rob_logits [N,K], gamma [N])."""
        std_logits, rob_logits, raw = self.raw_gamma(image)
        if self.training:
            mean, std = raw.mean().item(), raw.std().item()
            raw = torch.clamp(raw, min=mean - CLAMP_STDS * std, max=mean + CLAMP_STDS * std)
        z = self.bn(raw.unsqueeze(1)).reshape(-1)
        gamma, alpha = alpha_chain(z, self.gamma_scale, gamma_bias, alpha_low, alpha_high)
        log_probs = log_mixture(std_logits, rob_logits, alpha, self.std_scale, self.rob_scale)
        return log_probs, alpha, std_logits, rob_logits, gamma


class OnnxFusedGraph(nn.Module):
    """Export wrapper: the contract's four outputs, eval mode only (no gamma output)."""

    def __init__(self, fused: FusedModel):
        super().__init__()
        self.fused = fused.eval()

    def forward(self, image, gamma_bias, alpha_low, alpha_high):
        log_probs, alpha, std_logits, rob_logits, _ = self.fused(image, gamma_bias, alpha_low, alpha_high)
        return log_probs, alpha, std_logits, rob_logits


MIXERS = {"net": "mixing network (section 2)", "gate": "h's margin gate"}  # the mixing function's kinds, in words


def build_fashion_models(std_width: int, rob_width: int, in_channels: int = 1, num_classes: int = 10,
                         mixer: str = "net"):
    """The bundled model's architecture: g and h of the same family, and a mixing function of kind `mixer`."""
    if mixer not in MIXERS:
        raise ValueError(f"expected a mixer kind in {tuple(MIXERS)}, found {mixer!r}")
    g = SmallResNet(std_width, in_channels, num_classes)
    h = SmallResNet(rob_width, in_channels, num_classes)
    if mixer == "gate":
        return g, h, MarginGate()
    return g, h, MixingNet(g.widths[0] + h.widths[0], g.widths[1] + h.widths[1])


def width_of(state: dict) -> int:
    """The width (stage-1 channels) of a SmallResNet's state dict, so that weights of any width load."""
    return state["stem.weight"].shape[0]
