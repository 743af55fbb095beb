"""CIFAR-size base models for the benchmark graph: ResNet-18 (g) and WRN-16-8 (h), both returning feature taps."""
from torch import nn
import torch.nn.functional as F

from .nets import PreActBlock


class BasicBlock(nn.Module):
    """The post-activation ResNet basic block."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class ResNet18(nn.Module):
    """ResNet-18 for 32x32 inputs (3x3 stem, no max-pool); taps after layer1 (64@32) and layer2 (128@16)."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
        widths, layers, cin = (64, 128, 256, 512), [], 64
        for i, cout in enumerate(widths):
            layers.append(nn.Sequential(BasicBlock(cin, cout, 1 if i == 0 else 2), BasicBlock(cout, cout, 1)))
            cin = cout
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.fc = nn.Linear(512, num_classes)
        self.widths = (64, 128)

    def forward(self, x):
        f1 = self.layer1(self.stem(x))
        f2 = self.layer2(f1)
        out = F.adaptive_avg_pool2d(self.layer4(self.layer3(f2)), 1).flatten(1)
        return self.fc(out), (f1, f2)


class WideResNet(nn.Module):
    """WRN-depth-k with pre-activation blocks; taps after block1 (16k@32) and block2 (32k@16)."""

    def __init__(self, depth=16, k=8, num_classes=10):
        super().__init__()
        n = (depth - 4) // 6
        w = (16 * k, 32 * k, 64 * k)
        self.stem = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        blocks, cin = [], 16
        for i, cout in enumerate(w):
            blocks.append(nn.Sequential(*[PreActBlock(cin if j == 0 else cout, cout, (1 if i == 0 else 2) if j == 0 else 1)
                                          for j in range(n)]))
            cin = cout
        self.block1, self.block2, self.block3 = blocks
        self.bn = nn.BatchNorm2d(w[2])
        self.fc = nn.Linear(w[2], num_classes)
        self.widths = (w[0], w[1])

    def forward(self, x):
        f1 = self.block1(self.stem(x))
        f2 = self.block2(f1)
        out = F.adaptive_avg_pool2d(F.relu(self.bn(self.block3(f2))), 1).flatten(1)
        return self.fc(out), (f1, f2)
