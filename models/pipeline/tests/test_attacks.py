import pytest
import torch

from mgpipe import attacks, mixer
from mgpipe.fused import FusedModel, build_fashion_models


def linear_predict(w, b):
    """Two-class linear model on flattened images; logits (0, w.x + b)."""
    def predict(x):
        s = x.flatten(1) @ w + b
        return torch.log_softmax(torch.stack([torch.zeros_like(s), s], 1), 1), None
    return predict


def test_square_schedule_follows_autoattack_thresholds():
    assert attacks.p_selection(0.8, 10) == 0.8
    assert attacks.p_selection(0.8, 11) == 0.4
    assert attacks.p_selection(0.8, 500) == 0.1
    assert attacks.p_selection(0.8, 501) == 0.05
    assert attacks.p_selection(0.8, 9000) == 0.8 / 512


def test_square_stays_in_the_ball_and_fools_a_linear_model_only_above_its_distance():
    torch.manual_seed(0)
    w = torch.randn(144)
    x = torch.full((1, 1, 12, 12), 0.5)
    b = 1.0 - float(x.flatten() @ w)  # score 1: class 1, margin to the boundary is 1 / ||w||_1 in L-inf
    distance = 1.0 / float(w.abs().sum())
    y = torch.tensor([1])
    queries_seen = []

    def predict(z):
        queries_seen.append(z.clone())
        return linear_predict(w, b)(z)
    for eps, expect in ((0.9 * distance, False), (3.0 * distance, True)):
        queries_seen.clear()
        adv, fooled, queries = attacks.square_linf(predict, x, y, eps, 1000, 0.8, torch.Generator().manual_seed(1))
        assert bool(fooled[0]) == expect
        for z in queries_seen:
            assert float((z - x).abs().max()) <= eps + 1e-6 and float(z.min()) >= 0 and float(z.max()) <= 1
        assert int(queries[0]) <= 1001


def test_pgd_first_success_returns_a_misclassified_point_inside_the_ball():
    torch.manual_seed(0)
    w = torch.randn(16)
    x = torch.full((3, 1, 4, 4), 0.5)
    b = 0.5 - float(x[0].flatten() @ w)
    y = torch.ones(3, dtype=torch.long)
    adv, fooled = attacks.pgd(linear_predict(w, b), attacks.ce_loss, x, y, 0.2, 10, 0.05,
                              torch.Generator().manual_seed(0))
    assert bool(fooled.all())
    assert float((adv - x).abs().max()) <= 0.2 + 1e-6
    assert bool((linear_predict(w, b)(adv)[0].argmax(1) == 0).all())


def test_pgd_best_adv_falls_back_to_the_random_start_when_the_attack_fails():
    w = torch.ones(16)
    x = torch.full((2, 1, 4, 4), 0.5)
    b = 100.0 - float(x[0].flatten() @ w)  # far from the boundary: no attack can succeed
    y = torch.ones(2, dtype=torch.long)
    adv, fooled = attacks.pgd(linear_predict(w, b), attacks.ce_loss, x, y, 0.1, 5, 0.05,
                              torch.Generator().manual_seed(3), keep="best_adv")
    start = attacks.project(x + (torch.rand(x.shape, generator=torch.Generator().manual_seed(3)) * 2 - 1) * 0.1, x, 0.1)
    assert not bool(fooled.any()) and torch.equal(adv, start)


def test_mixer_training_writes_a_checkpoint_that_resumes_to_the_same_weights(tmp_path):
    torch.manual_seed(0)
    x, y = torch.rand(24, 1, 28, 28), torch.randint(0, 10, (24,))
    recipe = mixer.Recipe(batches=2, batch=4, steps_df=3, targets=2)
    fused = FusedModel(*build_fashion_models(4, 4))
    initial = {k: v.clone() for k, v in fused.state_dict().items()}
    before = [p.clone() for p in fused.mixer.parameters()]
    straight = str(tmp_path / "straight.ckpt")
    mixer.train_mixer(fused, x, y, straight, recipe, log=lambda m: None, checkpoint_every=1)
    assert any(not torch.equal(a, b) for a, b in zip(before, fused.mixer.parameters()))
    assert torch.load(straight)["batches"] == 2
    assert float(fused.bn.running_var) != 1.0  # the gamma BatchNorm learned running statistics
    resumed = FusedModel(*build_fashion_models(4, 4))
    resumed.load_state_dict(initial)
    halves = str(tmp_path / "halves.ckpt")

    def stop_after_the_first_checkpoint(message):
        raise KeyboardInterrupt(message)
    with pytest.raises(KeyboardInterrupt):
        mixer.train_mixer(resumed, x, y, halves, recipe, log=stop_after_the_first_checkpoint, checkpoint_every=1)
    assert torch.load(halves)["batches"] == 1
    mixer.train_mixer(resumed, x, y, halves, recipe, log=lambda m: None, checkpoint_every=1)
    for a, b in zip(fused.state_dict().values(), resumed.state_dict().values()):
        assert torch.allclose(a.float(), b.float(), atol=1e-6)


def test_mixer_training_stops_at_its_time_budget_and_goes_on_next_run_to_the_same_weights(tmp_path):
    torch.manual_seed(0)
    x, y = torch.rand(24, 1, 28, 28), torch.randint(0, 10, (24,))
    recipe = mixer.Recipe(batches=3, batch=4, steps_df=3, targets=2)
    fused = FusedModel(*build_fashion_models(4, 4))
    initial = {k: v.clone() for k, v in fused.state_dict().items()}
    assert mixer.train_mixer(fused, x, y, str(tmp_path / "straight.ckpt"), recipe, log=lambda m: None)
    budgeted = FusedModel(*build_fashion_models(4, 4))
    budgeted.load_state_dict(initial)
    ckpt = str(tmp_path / "budgeted.ckpt")
    assert not mixer.train_mixer(budgeted, x, y, ckpt, recipe, log=lambda m: None, stop_at=0.0)
    assert torch.load(ckpt)["batches"] == 1  # checkpointed at the budget, though checkpoint_every is 20
    assert not mixer.train_mixer(budgeted, x, y, ckpt, recipe, log=lambda m: None, stop_at=0.0)
    assert mixer.train_mixer(budgeted, x, y, ckpt, recipe, log=lambda m: None)
    for a, b in zip(fused.state_dict().values(), budgeted.state_dict().values()):
        assert torch.allclose(a.float(), b.float(), atol=1e-6)


def test_mixer_training_refuses_a_checkpoint_of_another_recipe(tmp_path):
    x, y = torch.rand(16, 1, 28, 28), torch.randint(0, 10, (16,))
    fused = FusedModel(*build_fashion_models(4, 4))
    ckpt = str(tmp_path / "mixer.ckpt")
    mixer.train_mixer(fused, x, y, ckpt, mixer.Recipe(batches=1, batch=4, steps_df=2, targets=1), log=lambda m: None)
    with pytest.raises(SystemExit, match="expected .* to continue recipe"):
        mixer.train_mixer(fused, x, y, ckpt, mixer.Recipe(batches=1, batch=4, steps_df=2, targets=2), log=lambda m: None)


def test_training_attacks_cover_the_untargeted_and_each_runner_up_class():
    torch.manual_seed(1)
    fused = FusedModel(*build_fashion_models(4, 4)).eval()
    x, y = torch.rand(3, 1, 28, 28), torch.randint(0, 10, (3,))
    recipe = mixer.Recipe(steps_df=2, targets=3)
    adv = mixer.attacked_buffer(fused, x, y, torch.arange(3), recipe, torch.Generator().manual_seed(0))
    assert adv.shape == (12, 1, 28, 28)
    assert float((adv - x.repeat(4, 1, 1, 1)).abs().max()) <= 1.1 * recipe.epsilon + 1e-6


def test_comp_loss_rewards_detecting_attacks():
    log_probs = torch.log_softmax(torch.randn(4, 10), 1)
    labels = torch.zeros(4, dtype=torch.long)
    adversarial = torch.tensor([False, False, True, True])
    right = mixer.comp_loss(log_probs, torch.tensor([-5.0, -5.0, 5.0, 5.0]), labels, adversarial)
    wrong = mixer.comp_loss(log_probs, torch.tensor([5.0, 5.0, -5.0, -5.0]), labels, adversarial)
    assert float(right) < float(wrong)
