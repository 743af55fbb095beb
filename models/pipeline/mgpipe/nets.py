"""The base classifiers g and h (small pre-activation ResNets) and the two mixing functions: the mixing network
(section 2, scaled down) and the h-margin gate the bundled model ships."""
import torch
from torch import nn
import torch.nn.functional as F


class PreActBlock(nn.Module):
    """Pre-activation residual block exactly as the paper's small_rn.PreActBlock.

    The identity shortcut adds relu(bn1(x)), not x (adaptive-smoothing.md section 2.2 / 7.7).
    """

    def __init__(self, in_planes: int, planes: int, stride: int = 1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.shortcut = None
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Conv2d(in_planes, planes, 1, stride, bias=False)

    def forward(self, x):
        out = F.relu(self.bn1(x))
        sc = self.shortcut(out) if self.shortcut is not None else out
        out = self.conv2(F.relu(self.bn2(self.conv1(out))))
        return out + sc


class SmallResNet(nn.Module):
    """Pre-activation ResNet for 28x28 (or 32x32) inputs: stem, three stride-2 stages, pooled linear head.

    Every stage halves the resolution (28 -> 14 -> 7 -> 4) to fit CPU training budgets.

    Returns (logits, (stage1, stage2)) like the paper's base models, so the mixing net can tap features.
    """

    def __init__(self, width: int = 16, in_channels: int = 1, num_classes: int = 10, blocks=(1, 1, 1)):
        super().__init__()
        w1, w2, w3 = width, 2 * width, 4 * width
        self.widths = (w1, w2, w3)
        self.stem = nn.Conv2d(in_channels, w1, 3, 1, 1, bias=False)
        self.layer1 = self._stage(w1, w1, blocks[0], 2)
        self.layer2 = self._stage(w1, w2, blocks[1], 2)
        self.layer3 = self._stage(w2, w3, blocks[2], 2)
        self.bn = nn.BatchNorm2d(w3)
        self.fc = nn.Linear(w3, num_classes)

    @staticmethod
    def _stage(cin, cout, n, stride):
        layers = [PreActBlock(cin, cout, stride)] + [PreActBlock(cout, cout) for _ in range(n - 1)]
        return nn.Sequential(*layers)

    def forward(self, x):
        f1 = self.layer1(self.stem(x))
        f2 = self.layer2(f1)
        out = F.relu(self.bn(self.layer3(f2)))
        out = F.adaptive_avg_pool2d(out, 1).flatten(1)
        return self.fc(out), (f1, f2)


class MixingNet(nn.Module):
    """MixingNetV4 scaled down: reads both models' stage-1 and stage-2 taps and returns the raw gamma [N,1].

    x = layers0(cat(std_f1, rob_f1)) + conv1x1(cat(std_f2, rob_f2)); then two more strided PreAct stages,
    global average pool and a bias-free linear layer, with no output activation (section 2.2).
    """

    def __init__(self, f1_channels: int, f2_channels: int, planes=(32, 48, 64)):
        super().__init__()
        p1, p2, p3 = planes
        self.layers0 = PreActBlock(f1_channels, p1, 2)
        self.conv1x1 = nn.Conv2d(f2_channels, p1, 1, bias=False)
        self.layers1 = PreActBlock(p1, p2, 2)
        self.layers2 = PreActBlock(p2, p3, 2)
        self.linear = nn.Linear(p3, 1, bias=False)

    def forward(self, std_out, rob_out):
        """std_out, rob_out: what g and h return, (logits, (stage1, stage2))."""
        (s1, s2), (r1, r2) = std_out[1], rob_out[1]
        x = self.layers0(torch.cat((s1, r1), 1)) + self.conv1x1(torch.cat((s2, r2), 1))
        x = self.layers2(self.layers1(x))
        return self.linear(F.adaptive_avg_pool2d(x, 1).flatten(1))


class MarginGate(nn.Module):
    """A mixing function without weights: the raw gamma is h's own margin, its top-1 minus top-2 logit [N,1].

    A deviation from section 2, whose mixing network reads both models' features: g's features are what an attacker
    moves most easily, and the gate reads none of them. Where h is confident, alpha stays near 1 and the answer is
    h's (robust there); elsewhere g decides. With the fused model's BatchNorm at mean 0 and variance 1 (`identity_bn`)
    the alpha chain gives alpha = sigmoid(gamma_scale m_h + gamma_bias), so gamma_bias = -gamma_scale tau moves the
    margin tau at which g and h weigh the same.
    """

    def forward(self, std_out, rob_out):
        top2 = rob_out[0].topk(2, dim=1).values
        return (top2[:, 0] - top2[:, 1]).unsqueeze(1)
