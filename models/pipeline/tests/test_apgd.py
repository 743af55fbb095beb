import torch
import torch.nn.functional as F

from mgpipe import apgd, attacks


def linear_scores(w, b, scale=1.0, classes=2):
    """A linear model on flattened images: class 0 scores 0, class k scores scale * k * (w.x + b)."""
    ks = torch.arange(classes, dtype=torch.float32)

    def predict(x):
        s = x.flatten(1) @ w + b
        return F.log_softmax(scale * s[:, None] * ks[None, :] * (1 + 0.01 * ks[None, :]), 1), None
    return predict


def test_checkpoints_follow_the_paper_schedule_for_100_iterations():
    assert apgd.checkpoints(100) == [22, 41, 57, 70, 80, 87, 93, 99]


def test_apgd_reaches_the_analytic_worst_case_of_a_linear_model():
    torch.manual_seed(0)
    w, eps = torch.randn(64), 0.1
    x = torch.full((3, 1, 8, 8), 0.5)  # 0.4 from both ends of [0,1]: the ball is not clipped
    b = eps * float(w.abs().sum()) + 1.0 - float(x[0].flatten() @ w)  # out of reach by a score of 1
    y = torch.ones(3, dtype=torch.long)
    _, fooled, x_best = apgd.apgd(linear_scores(w, b), apgd.ce, x, y, eps, n_iter=100, seed=1)
    reached = x_best.flatten(1) @ w + b
    analytic = 1.0  # min of w.x' + b over the ball, at x' = x - eps sign(w)
    assert analytic > 0 and not bool(fooled.any())
    assert torch.allclose(reached, torch.full((3,), analytic), atol=1e-4)
    assert float((x_best - x).abs().max()) <= eps + 1e-6


def test_dlr_is_invariant_to_shifting_and_positively_scaling_the_logits():
    torch.manual_seed(1)
    z, y, t = torch.randn(6, 10), torch.randint(0, 10, (6,)), torch.randint(0, 10, (6,))
    for transform in (lambda v: v + 7.5, lambda v: 3.0 * v, lambda v: 0.2 * v - 4.0):
        assert torch.allclose(apgd.dlr_targeted(transform(z), y, t), apgd.dlr_targeted(z, y, t), atol=1e-5)
    assert torch.allclose(apgd.dlr_targeted(F.log_softmax(z, 1), y, t), apgd.dlr_targeted(z, y, t), atol=1e-5)


def test_apgd_dlr_breaks_a_saturated_softmax_where_fixed_step_pgd_ce_fails():
    torch.manual_seed(2)
    weights, eps = torch.randn(4, 64), 0.1
    x = torch.full((4, 1, 8, 8), 0.5)
    reach = eps * float((weights[3] - weights[0]).abs().sum())  # how far class 0 can gain on class 3 in the ball
    bias = -(weights @ x[0].flatten()) + torch.tensor([0.0, -reach, -reach, 0.5 * reach])  # 3 wins, 0 reachable

    def predict(z):  # logits scaled by 1e4: the softmax saturates and CE's gradient is exactly 0 in fp32
        return F.log_softmax(1e4 * (z.flatten(1) @ weights.T + bias), 1), None
    y = torch.full((4,), 3, dtype=torch.long)
    assert bool((predict(x)[0].argmax(1) == 3).all())
    _, pgd_fooled = attacks.pgd(predict, attacks.ce_loss, x, y, eps, 100, eps / 10, torch.Generator().manual_seed(0))
    assert not bool(pgd_fooled.any())
    target = torch.zeros(4, dtype=torch.long)
    _, fooled, _ = apgd.apgd(predict, apgd.targeted_dlr, x, y, eps, n_iter=100, seed=3, target=target)
    assert bool(fooled.all())


def test_composite_loss_adds_the_alpha_term_only_when_there_is_a_gamma():
    log_probs = F.log_softmax(torch.randn(3, 10), 1)
    y, gamma = torch.tensor([0, 1, 2]), torch.tensor([-1.0, 0.0, 2.0])
    plain = apgd.ce(log_probs, None, y)
    mixed = apgd.composite(apgd.ce, 0.5)(log_probs, gamma, y)
    assert torch.allclose(mixed, 0.5 * plain + 0.5 * F.softplus(-gamma))
    assert torch.equal(apgd.composite(apgd.ce, 0.5)(log_probs, None, y), plain)


def test_composite_apgd_pushes_alpha_down_on_a_toy_mixture():
    torch.manual_seed(4)
    v, eps = torch.randn(64), 0.1
    x = torch.full((2, 1, 8, 8), 0.5)

    def predict(z):  # a classifier nothing can flip, and a gamma only the alpha term can move
        log_probs = F.log_softmax(torch.tensor([[0.0, 50.0]]).repeat(len(z), 1) + 0 * z.flatten(1)[:, :2], 1)
        return log_probs, z.flatten(1) @ v
    y = torch.ones(2, dtype=torch.long)
    _, _, x_best = apgd.apgd(predict, apgd.composite(apgd.ce, 0.5), x, y, eps, n_iter=50, seed=5)
    assert torch.allclose(predict(x_best)[1], predict(x)[1] - eps * float(v.abs().sum()), atol=1e-3)


def test_an_images_attack_does_not_depend_on_the_other_images_in_its_batch():
    torch.manual_seed(5)
    w = torch.randn(64)
    x = torch.rand(5, 1, 8, 8)
    b = -float(x.flatten(1)[0] @ w) + 0.3
    y = torch.ones(5, dtype=torch.long)
    predict = linear_scores(w, b)
    alone = apgd.apgd(predict, apgd.ce, x[2:3], y[2:3], 0.05, 30, seed=9, indices=torch.tensor([2]))[2]
    together = apgd.apgd(predict, apgd.ce, x, y, 0.05, 30, seed=9)[2]
    assert torch.allclose(alone[0], together[2])
