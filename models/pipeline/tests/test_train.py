import pytest
import torch
import torch.nn.functional as F

from mgpipe import attacks, train
from mgpipe.nets import SmallResNet


def small_model():
    torch.manual_seed(0)
    return SmallResNet(4, 1, 10).eval()


def test_trades_adversary_stays_in_the_ball_and_raises_the_kl_it_maximises():
    model = small_model()
    x = torch.rand(8, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    start = train.trades_adversary(model, x, 0.1, 0, 0.035, torch.Generator().manual_seed(2))  # the random start
    x_adv = train.trades_adversary(model, x, 0.1, 4, 0.035, torch.Generator().manual_seed(2))
    assert (x_adv - x).abs().max() <= 0.1 + 1e-6
    assert x_adv.min() >= 0 and x_adv.max() <= 1
    with torch.no_grad():
        p_clean = F.softmax(model(x)[0], 1)
        kl_at = lambda z: F.kl_div(F.log_softmax(model(z)[0], 1), p_clean, reduction="sum")  # noqa: E731
        assert kl_at(x_adv) > 100 * max(kl_at(start).item(), 1e-7)  # the steps, not the start, raise it


def test_trades_training_runs_a_resumable_epoch_and_learns(tmp_path):
    model = small_model()
    gen = torch.Generator().manual_seed(3)
    y = torch.randint(0, 2, (128,), generator=gen)
    x = (torch.rand(128, 1, 28, 28, generator=gen) * 0.2 + y.view(-1, 1, 1, 1) * 0.6)  # two separable classes
    adversary = dict(eps=0.1, steps=2, step_size=0.05, trades_beta=6.0)
    ckpt = str(tmp_path / "h.ckpt")
    train.train_classifier(model, x, y, x, y, ckpt, 3, seed=0, lr=0.05, batch=32, adversary=adversary)
    assert train.load(ckpt)["epoch"] == 3
    assert train.accuracy(model, x, y) > 0.9
    resumed = small_model()
    train.train_classifier(resumed, x, y, x, y, ckpt, 3, seed=0, lr=0.05, batch=32, adversary=adversary)
    assert all(torch.equal(a, b) for a, b in zip(resumed.state_dict().values(), model.state_dict().values()))


def test_margin_hinge_widens_the_margins_pgd_training_reaches(tmp_path):
    gen = torch.Generator().manual_seed(4)
    y = torch.randint(0, 2, (128,), generator=gen)
    x = (torch.rand(128, 1, 28, 28, generator=gen) * 0.2 + y.view(-1, 1, 1, 1) * 0.6)
    margins = {}
    for hinge in ((None, 0.0), (6.0, 1.0)):
        model = small_model()
        adversary = dict(eps=0.1, steps=2, step_size=0.05, margin_hinge=hinge)
        train.train_classifier(model, x, y, x, y, str(tmp_path / f"h-{hinge[0]}.ckpt"), 3, seed=0, lr=0.05, batch=32,
                               adversary=adversary)
        with torch.no_grad():
            margins[hinge[0]] = attacks.margin(model(x)[0], y).mean().item()
    assert margins[6.0] > margins[None] + 0.5, margins


def test_margin_hinge_with_trades_is_refused(tmp_path):
    x, y = torch.rand(4, 1, 28, 28), torch.zeros(4, dtype=torch.long)
    adversary = dict(eps=0.1, steps=1, step_size=0.05, trades_beta=6.0, margin_hinge=(2.0, 1.0))
    with pytest.raises(ValueError, match="margin_hinge"):
        train.train_classifier(small_model(), x, y, x, y, str(tmp_path / "h.ckpt"), 1, seed=0, adversary=adversary)
