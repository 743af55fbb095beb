import os
import re

import pytest

from mgpipe import calibrate, card, export, frontier, plot, train, worstcase
from mgpipe.fused import build_fashion_models, width_of
from mgpipe.nets import SmallResNet

MODEL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fashion-mnist")
FRONTIER_FIELDS = {"name", "kind", "knobs", "clean", "worst", "images", "after", "clean_all", "clean_all_images"}


def point(name, clean, worst, images=1000):
    c = frontier.by_name(name)
    after = {"apgd-ce": worst + 0.1, "square": worst}
    return dict(c, clean=clean, worst=worst, images=images, after=after, seconds={"apgd-ce": 1, "square": 2},
                clean_all=clean, clean_all_images=10000)


FIXED = [point("g", 0.92, 0.0), point("fixed-0.8", 0.90, 0.64), point("h", 0.84, 0.72)]


def test_the_fixed_curve_is_linear_between_measured_fixed_points_and_flat_beyond():
    curve = calibrate.fixed_curve(FIXED)
    assert curve(0.90) == pytest.approx(0.64) and curve(0.87) == pytest.approx(0.68)
    assert curve(0.95) == pytest.approx(0.0) and curve(0.80) == pytest.approx(0.72)


def test_calibration_ships_the_adaptive_setting_furthest_above_the_fixed_curve():
    above = point("adaptive-2.0-0.65-1.0", 0.87, 0.70)  # curve 0.68 there: 2 points above
    further = point("adaptive-2.0-0.5-1.0", 0.91, 0.40)  # curve 0.32 there: 8 points above
    below = point("adaptive-2.0-0.0-1.0", 0.90, 0.25)
    chosen = calibrate.select(FIXED + [above, further, below])
    assert chosen["knobs"] == further["knobs"] and chosen["gain"] == pytest.approx(0.08)
    assert "8.0 points above the curve" in chosen["reason"]
    with pytest.raises(SystemExit, match="expected at least 2 fixed-alpha"):
        calibrate.select([FIXED[0], above])


def test_targets_say_met_or_short_by_exactly_what_the_numbers_give():
    shipped = {"gamma_bias": 2.0, "alpha_low": 0.5, "alpha_high": 1.0}
    rows = FIXED + [point("adaptive-2.0-0.5-1.0", 0.912, 0.655)]
    lines = card.targets(rows, shipped).splitlines()
    assert "| adaptive clean (all test images) >= 91.0 | 91.2 (10000 images) | yes |" in lines
    assert "| adaptive worst >= 66.0 | 65.5 (1000 images) | no, short by 0.5 points |" in lines
    assert "| g clean (all test images) >= 93.0 | 92.0 (10000 images) | no, short by 1.0 points |" in lines
    assert "not measured yet" in card.targets(FIXED, shipped)


def test_the_verdict_says_when_a_fixed_alpha_beats_the_shipped_mixture():
    shipped = {"gamma_bias": 2.0, "alpha_low": 0.0, "alpha_high": 1.0}
    text = card.verdict(FIXED + [point("adaptive-2.0-0.0-1.0", 0.90, 0.25)], shipped)
    assert "39.0 points less robust than the fixed-alpha curve" in text
    assert "more robust" in card.verdict(FIXED + [point("adaptive-2.0-0.0-1.0", 0.90, 0.70)], shipped)


def test_the_card_leaves_out_candidates_attacked_on_fewer_than_1000_images():
    quick = point("fixed-0.55", 0.918, 0.37, images=200)
    said = []
    rows = frontier.card_rows(FIXED + [quick, None], said.append)
    assert rows == FIXED
    assert said == ["fixed-0.55: attacked on 200 images, fewer than the card's 1000; left out"]


def test_the_committed_frontier_reports_no_candidate_on_fewer_than_1000_images():
    spec = export.read_spec(os.path.join(MODEL_DIR, "model.onnx"))
    assert min(p["images"] for p in spec["card"]["frontier"]) >= frontier.CARD_MIN_IMAGES


def test_the_frontier_plot_is_a_png(tmp_path):
    path = str(tmp_path / "frontier.png")
    points = [frontier.entry(p) for p in FIXED + [point("adaptive-2.0-0.5-1.0", 0.91, 0.4)]]
    plot.frontier(points, {"gamma_bias": 2.0, "alpha_low": 0.5, "alpha_high": 1.0}, path)
    assert open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_fixed_labels_on_the_bottom_of_the_plot_stack_above_their_points():
    def fixed(alpha, clean, worst):
        return {"knobs": {"alpha_low": alpha}, "clean": clean, "worst": worst}

    offsets = plot._label_offsets([fixed(0.0, 0.946, 0.0), fixed(0.5, 0.944, 0.0), fixed(0.65, 0.932, 0.534)])
    assert offsets[0][1] > 0 and offsets[1][1] > offsets[0][1], f"expected stacked labels above, found {offsets}"
    assert offsets[2] == (4, -12), f"expected a label below right of a point off the bottom, found {offsets[2]}"


def test_the_committed_frontier_has_every_field_and_the_shipped_row():
    spec = export.read_spec(os.path.join(MODEL_DIR, "model.onnx"))
    points = spec["card"]["frontier"]
    assert points, "expected card.frontier in the bundled model's spec, found an empty list"
    for p in points:
        assert FRONTIER_FIELDS <= set(p), f"expected fields {FRONTIER_FIELDS}, found {set(p)} in {p['name']}"
        assert p["kind"] in ("fixed", "adaptive") and set(p["knobs"]) == {"gamma_bias", "alpha_low", "alpha_high"}
        assert 0 <= p["worst"] <= p["clean"] <= 1 and p["images"] > 0
    shipped = [p for p in points if p["kind"] == "adaptive" and p["knobs"] == spec["knobs"]]
    assert shipped and shipped[0]["images"] >= 1000, "expected the shipped knobs measured on at least 1000 images"
    assert spec["card"]["shipped"] == spec["knobs"]


def test_the_committed_cards_targets_match_the_spec_numbers():
    spec = export.read_spec(os.path.join(MODEL_DIR, "model.onnx"))
    rows = spec["card"]["frontier"]
    expected = card.targets(rows, spec["knobs"]).splitlines()
    text = open(os.path.join(MODEL_DIR, "model-card.md")).read()
    found = [line for line in text.splitlines() if re.match(r"\| (adaptive|g|h) (clean|worst)", line)]
    assert found == expected[2:]
    assert card.verdict(rows, spec["knobs"]) in text


def test_the_card_names_each_recheck_with_its_counts_and_nothing_without_one():
    assert card.rechecked(FIXED) == ""
    gate = dict(point("adaptive--1.0-0.0-1.0", 0.91, 0.55),
                rechecked={"reasons": ["a stalled gradient"], "chunks": 10, "images": 552, "fooled": 3})
    text = card.rechecked(FIXED + [gate])
    assert text.startswith("- Rechecked: a stalled gradient.") and text.count("\n") == 0
    assert "adaptive, gamma_bias -1, alpha in [0, 1]: 552 images, 3 newly fooled" in text
    assert "g:" not in text and "h:" not in text


def test_the_card_names_the_rows_with_a_second_restart_and_their_counts():
    shipped = dict(point("adaptive--0.5-0.0-1.0", 0.92, 0.6), restarted={"chunks": 10, "images": 602, "fooled": 2})
    text = card.rechecked(FIXED + [shipped])
    assert text.startswith("- A second restart:") and text.count("\n") == 0
    assert f"seed plus {worstcase.RESTART_OFFSET}" in text
    assert "adaptive, gamma_bias -0.5, alpha in [0, 1]: 602 images, 2 newly fooled" in text
    assert "g:" not in text and "h:" not in text


def test_the_architecture_lines_read_widths_and_parameters_from_the_models_and_name_the_recipe():
    g, h, _ = build_fashion_models(8, 4, mixer="gate")
    adversary = dict(eps=0.1, steps=4, step_size=0.035)
    bases = {"standard": dict(stages=[(8, 0.05), (6, 0.02)]), "robust": dict(stages=[(15, 0.05)], adversary=adversary)}
    pgd = card.architecture(g, h, bases)
    g_line, h_line = pgd.splitlines()
    g_params, h_params = (round(sum(p.numel() for p in m.parameters()) / 1000) for m in (g, h))
    assert f"widths 8/16/32, {g_params}k parameters" in g_line and "8 epochs at peak lr 0.05, then 6" in g_line
    assert f"widths 4/8/16, {h_params}k parameters" in h_line and "PGD adversarial training at L-inf 0.1" in h_line
    bases["robust"]["adversary"] = dict(adversary, trades_beta=6.0)
    assert "TRADES with beta 6 at L-inf 0.1" in card.architecture(g, h, bases).splitlines()[1]


def test_the_committed_card_describes_the_shipped_bases():
    spec = export.read_spec(os.path.join(MODEL_DIR, "model.onnx"))
    g, h = (SmallResNet(width_of(state), 1, 10) for state in
            (train.load(os.path.join(MODEL_DIR, "weights", f"{n}.pt")) for n in ("standard", "robust")))
    lines = card.architecture(g, h, spec["provenance"]["bases"])
    assert lines in open(os.path.join(MODEL_DIR, "model-card.md")).read()
