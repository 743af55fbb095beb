import json

import pytest
import torch

from mgpipe import calibrate, frontier
from mgpipe.export import knob_tensors
from mgpipe.fused import FusedModel, build_fashion_models
from mgpipe.nets import MarginGate
from mgpipe.steps import Pipeline


def gate_model():
    torch.manual_seed(0)
    return FusedModel(*build_fashion_models(4, 4, mixer="gate")).eval()


def test_the_gate_reads_h_s_top_two_margin_and_nothing_of_g():
    rob = torch.tensor([[1.0, 4.0, 2.5], [0.0, -1.0, 0.0]])
    raw = MarginGate()((torch.randn(2, 3), None), (rob, None))
    assert raw.tolist() == [[1.5], [0.0]]


def test_with_the_gate_alpha_is_sigmoid_of_gamma_scale_times_h_s_margin_plus_gamma_bias():
    fused = gate_model()
    x = torch.rand(6, 1, 28, 28)
    with torch.no_grad():
        _, alpha, _, rob, gamma = fused(x, *knob_tensors({"gamma_bias": -1.0, "alpha_low": 0.2, "alpha_high": 0.9}))
    top2 = rob.topk(2, dim=1).values
    expected = 2.0 * (top2[:, 0] - top2[:, 1]) - 1.0
    assert torch.equal(gamma, expected)
    assert torch.allclose(alpha, 0.2 + 0.7 * torch.sigmoid(expected), atol=1e-7)


def test_raising_gamma_bias_raises_the_gate_s_alpha_on_every_input():
    fused = gate_model()
    x = torch.rand(8, 1, 28, 28)
    with torch.no_grad():
        alphas = [fused(x, *knob_tensors({"gamma_bias": gb, "alpha_low": 0.0, "alpha_high": 1.0}))[1]
                  for gb in (-3.0, -1.0, 0.0)]
    assert bool((alphas[0] < alphas[1]).all()) and bool((alphas[1] < alphas[2]).all())


def test_the_fused_model_names_its_mixing_function_kind():
    assert gate_model().mixer_kind == "gate"
    assert FusedModel(*build_fashion_models(4, 4)).mixer_kind == "net"


def test_an_unknown_mixer_kind_is_named():
    with pytest.raises(ValueError, match="expected a mixer kind in \\('net', 'gate'\\), found 'mlp'"):
        build_fashion_models(4, 4, mixer="mlp")


def test_candidate_names_carry_negative_knobs_both_ways():
    c = frontier.adaptive(-2.0, 0.0)
    assert c["name"] == "adaptive--2.0-0.0-1.0"
    assert frontier.by_name(c["name"]) == c
    assert frontier.by_name("adaptive-1.0--0.5-1.0")["knobs"]["alpha_low"] == -0.5
    for bad in ("adaptive--", "adaptive-2.0-0.5", "fixed-x"):
        with pytest.raises(SystemExit, match=f"found '{bad}'"):
            frontier.by_name(bad)


def test_the_clean_rule_ships_the_setting_leaning_most_on_h_that_keeps_the_target():
    points = [dict(frontier.adaptive(gb, 0.0), clean=clean, mean_alpha=alpha, images=5000)
              for gb, clean, alpha in ((0.0, 0.905, 0.9), (-1.0, 0.9114, 0.83), (-2.0, 0.922, 0.73))]
    chosen = calibrate.select_by_clean(points, 0.91)
    assert chosen["knobs"]["gamma_bias"] == -1.0
    assert "91.14, meets the target 91.0" in chosen["reason"] and "no attack" in chosen["reason"]
    with pytest.raises(SystemExit, match="expected a setting with held-out clean accuracy of at least 95.0, found "
                                         "at most 92.20"):
        calibrate.select_by_clean(points, 0.95)


def test_a_new_mixing_function_keeps_the_fixed_alpha_results_of_the_same_g_and_h(tmp_path):
    torch.manual_seed(0)
    g, h, net = build_fashion_models(4, 4)
    with_net, with_gate = FusedModel(g, h, net), FusedModel(g, h, MarginGate())
    fixed, adaptive = frontier.fixed(0.8), frontier.adaptive(0.0, 0.0)
    assert frontier.fingerprint(with_net, fixed) == frontier.fingerprint(with_gate, fixed)
    assert frontier.fingerprint(with_net, frontier.BASES[1]) == frontier.fingerprint(with_gate, frontier.BASES[1])
    assert frontier.fingerprint(with_net, adaptive) != frontier.fingerprint(with_gate, adaptive)
    assert frontier.fingerprint(with_net) == frontier.fingerprint(with_net, adaptive)
    pipeline = Pipeline(str(tmp_path / "work"), str(tmp_path / "results"), str(tmp_path / "out"), torch.device("cpu"))
    chunk = {"start": 0, "end": 2, "clean": [True, True], "after": {"square": [True, False]}, "seconds": {"square": 1}}
    for model, name in ((with_net, "fixed-0.8"), (with_net, "adaptive-0.0-0.0-1.0"), (with_gate, "adaptive--1.0-0.0-1.0")):
        store = tmp_path / "results" / frontier.fingerprint(model, frontier.by_name(name)) / "test" / f"{name}.jsonl"
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps(chunk) + "\n")
    assert sorted(m["name"] for m in pipeline.measured(with_gate)) == ["adaptive--1.0-0.0-1.0", "fixed-0.8"]
    assert sorted(m["name"] for m in pipeline.measured(with_net)) == ["adaptive-0.0-0.0-1.0", "fixed-0.8"]


def test_making_the_gate_again_keeps_it_and_a_trained_mixing_net_is_never_overwritten(tmp_path):
    pipeline = Pipeline(str(tmp_path / "work"), str(tmp_path / "results"), str(tmp_path / "out"), torch.device("cpu"))
    pipeline.train(["gate"], None)
    made = (tmp_path / "work" / "mixer.pt").read_bytes()
    pipeline.train(["gate"], None)
    assert (tmp_path / "work" / "mixer.pt").read_bytes() == made
    torch.save({"kind": "net", "mixer": {}, "bn": {}}, str(tmp_path / "work" / "mixer.pt"))
    with pytest.raises(SystemExit, match="to hold the gate or nothing, found a mixing net"):
        pipeline.train(["gate"], None)


def test_the_pipeline_builds_g_and_h_at_the_widths_their_weights_have(tmp_path):
    torch.manual_seed(0)
    g, h, _ = build_fashion_models(8, 4, mixer="gate")
    weights = tmp_path / "out" / "weights"
    weights.mkdir(parents=True)
    torch.save(g.state_dict(), weights / "standard.pt")
    torch.save(h.state_dict(), weights / "robust.pt")
    pipeline = Pipeline(str(tmp_path / "work"), str(tmp_path / "results"), str(tmp_path / "out"), torch.device("cpu"))
    pipeline.train(["gate"], None)
    fused = pipeline.load_fused()
    assert (fused.std_model.widths, fused.rob_model.widths) == ((8, 16, 32), (4, 8, 16))
    x = torch.rand(3, 1, 28, 28)
    with torch.no_grad():
        assert torch.equal(fused.rob_model(x)[0], h.eval()(x)[0])
