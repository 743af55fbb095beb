import math

import numpy as np
import pytest
import torch

from mgpipe import certificate
from mgpipe.fused import FusedModel, alpha_chain, build_fashion_models, log_mixture


def test_alpha_stays_inside_the_knob_range():
    z = torch.linspace(-50, 50, 101)
    _, alpha = alpha_chain(z, 2.0, 1.0, 0.3, 0.8)
    assert bool(alpha.min() >= torch.tensor(0.3)) and bool(alpha.max() <= torch.tensor(0.8))
    assert float(alpha.min()) < 0.31 and float(alpha.max()) > 0.79


def test_alpha_rises_with_gamma_bias():
    z = torch.randn(50)
    low = alpha_chain(z, 2.0, 0.0, 0.1, 0.9)[1]
    high = alpha_chain(z, 2.0, 1.5, 0.1, 0.9)[1]
    assert bool((high > low).all())


def test_alpha_is_constant_when_the_bounds_meet():
    _, alpha = alpha_chain(torch.randn(20) * 10, 2.0, 0.7, 0.42, 0.42)
    assert torch.allclose(alpha, torch.full((20,), 0.42))


def test_gamma_is_scale_times_z_plus_bias():
    gamma, _ = alpha_chain(torch.tensor([0.5, -1.0]), 2.0, 0.4, 0.0, 1.0)
    assert torch.allclose(gamma, torch.tensor([1.4, -1.6]))


def test_log_mixture_equals_log_of_the_probability_mixture():
    g, h = torch.randn(6, 10), torch.randn(6, 10)
    alpha = torch.rand(6)
    expected = torch.log((1 - alpha[:, None]) * torch.softmax(2.0 * g, 1) + alpha[:, None] * torch.softmax(0.5 * h, 1))
    assert torch.allclose(log_mixture(g, h, alpha, 2.0, 0.5), expected, atol=1e-6)
    assert torch.allclose(log_mixture(g, h, alpha, 2.0, 0.5).exp().sum(1), torch.ones(6), atol=1e-6)


def test_log_mixture_stays_finite_when_one_probability_underflows():
    g = torch.tensor([[0.0, 200.0]])  # softmax(g)[0] underflows to 0 in fp32
    h = torch.tensor([[200.0, 0.0]])  # softmax(h)[1] underflows too
    out = log_mixture(g, h, torch.tensor([1e-30]), 1.0, 1.0)
    assert bool(torch.isfinite(out).all())
    assert math.isclose(float(out[0, 0]), math.log(1e-30), rel_tol=1e-4)  # the only mass on class 0 is alpha


def test_log_mixture_is_exact_at_alpha_zero_and_one():
    g, h = torch.randn(3, 10), torch.randn(3, 10)
    assert torch.allclose(log_mixture(g, h, torch.zeros(3), 1, 1), torch.log_softmax(g, 1), atol=1e-6)
    assert torch.allclose(log_mixture(g, h, torch.ones(3), 1, 1), torch.log_softmax(h, 1), atol=1e-6)


def test_log_mixture_gradient_reaches_alpha_and_both_models():
    g, h = torch.randn(4, 10, requires_grad=True), torch.randn(4, 10, requires_grad=True)
    alpha = torch.full((4,), 0.3, requires_grad=True)
    log_mixture(g, h, alpha, 1, 1)[:, 0].sum().backward()
    for t in (g, h, alpha):
        assert bool(torch.isfinite(t.grad).all()) and float(t.grad.abs().sum()) > 0


def test_log_mixture_gradient_stays_finite_where_alpha_saturates():
    """sigmoid(gamma) rounds to exactly 1 (or 0) in fp32 for a large |gamma|: the gradient must reach the images as a
    number, not NaN, or every gradient attack on them stalls."""
    g, h = torch.randn(4, 10, requires_grad=True), torch.randn(4, 10, requires_grad=True)
    gamma = torch.tensor([20.0, 40.0, -120.0, 0.5], requires_grad=True)
    alpha = torch.sigmoid(gamma)
    assert alpha[0] == 1 and alpha[2] == 0
    out = log_mixture(g, h, alpha, 1, 1)
    assert torch.equal(out[:2], torch.log_softmax(h[:2], 1)) and torch.equal(out[2], torch.log_softmax(g[2], 0))
    out[:, 0].sum().backward()
    for t in (g, h, gamma):
        assert bool(torch.isfinite(t.grad).all())
    assert float(h.grad[0].abs().sum()) > 0 and float(g.grad[2].abs().sum()) > 0


def test_fused_eval_output_does_not_depend_on_the_batch():
    torch.manual_seed(0)
    fused = FusedModel(*build_fashion_models(8, 8)).eval()
    x = torch.rand(5, 1, 28, 28)
    knobs = [torch.tensor([1.0]), torch.tensor([0.2]), torch.tensor([0.9])]
    with torch.no_grad():
        together = fused(x, *knobs)
        alone = fused(x[:1], *knobs)
    assert torch.allclose(together[0][:1], alone[0], atol=1e-5)
    assert torch.allclose(together[1][:1], alone[1], atol=1e-6)


def test_training_mode_clamps_raw_gamma_and_keeps_bases_in_eval():
    torch.manual_seed(0)
    fused = FusedModel(*build_fashion_models(8, 8)).train()
    assert not fused.std_model.training and not fused.rob_model.training and fused.mixer.training
    assert not any(p.requires_grad for p in fused.std_model.parameters())


def test_margin_condition_needs_margin_above_threshold_strictly():
    p = [0.9, 0.1, 0.0]  # margin 0.8
    assert certificate.margin_condition(p, 0.6)  # threshold 0.4/0.6 = 0.667
    assert not certificate.margin_condition(p, 0.5 + 1e-9)  # threshold just under 1 > margin 0.8
    assert not certificate.margin_condition([0.5, 0.5, 0.0], 1.0)  # margin 0 = threshold 0: equality is not enough
    assert certificate.margin_condition([0.5 + 1e-6, 0.5 - 1e-6], 1.0)
    assert not certificate.margin_condition([1.0, 0.0], 0.5)  # alpha <= 1/2 never certifies


def test_lipschitz_radius_matches_formula_and_reduces_to_mu_over_2l_at_alpha_one():
    p = np.array([0.7, 0.2, 0.1])
    assert certificate.lipschitz_radius(p, 1.0, 2.0) == pytest.approx(0.5 / 4)
    assert certificate.lipschitz_radius(p, 0.8, 2.0) == pytest.approx((0.8 * 0.5 + 0.8 - 1) / (2 * 0.8 * 2.0))
    assert certificate.lipschitz_radius(p, 0.6, 2.0) == 0.0
