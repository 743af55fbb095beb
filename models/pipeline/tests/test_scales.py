import argparse
import json

import pytest
import torch

import run_pipeline
from mgpipe import frontier
from mgpipe.fused import FusedModel, build_fashion_models
from mgpipe.steps import Pipeline


def test_results_of_other_logit_scales_are_kept_apart_and_the_default_keeps_the_plain_fingerprint():
    torch.manual_seed(0)
    parts = build_fashion_models(4, 4)
    plain = frontier.fingerprint(FusedModel(*parts))
    scaled = frontier.fingerprint(FusedModel(*parts, std_scale=1.2, rob_scale=0.3))
    assert len(plain) == 12
    assert scaled == plain + "-s1.2-0.3"


def test_the_command_line_reads_two_positive_scales_and_names_what_it_found_otherwise():
    assert run_pipeline.parser().parse_args(["--scales", "1.2,0.3", "package"]).scales == (1.2, 0.3)
    assert run_pipeline.parser().parse_args(["package"]).scales == (1.0, 1.0)
    for text in ("1.2", "1,0", "a,b", "1,2,3"):
        with pytest.raises(argparse.ArgumentTypeError, match=f"expected two positive numbers S_G,S_H, found '{text}'"):
            run_pipeline.scales(text)


def test_g_and_h_results_are_shared_by_every_scales_pair_and_mixture_results_are_not(tmp_path):
    torch.manual_seed(0)
    fused = FusedModel(*build_fashion_models(4, 4), std_scale=1.2, rob_scale=0.3)
    pipeline = Pipeline(str(tmp_path / "work"), str(tmp_path / "results"), str(tmp_path / "out"), torch.device("cpu"),
                        scales=(1.2, 0.3))
    plain = frontier.fingerprint(fused, frontier.by_name("h"))
    scaled = frontier.fingerprint(fused, frontier.by_name("fixed-0.9"))
    assert plain + "-s1.2-0.3" == scaled
    chunk = {"start": 0, "end": 2, "clean": [True, True], "after": {"square": [True, False]}, "seconds": {"square": 1}}
    for folder, name in ((plain, "h"), (plain, "fixed-0.9"), (scaled, "fixed-0.96")):
        store = tmp_path / "results" / folder / "test" / f"{name}.jsonl"
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps(chunk) + "\n")
    assert pipeline.results(fused, "test", candidate=frontier.by_name("h")).endswith(f"{plain}/test")
    assert pipeline.results(fused, "test", candidate=frontier.by_name("fixed-0.9")).endswith(f"{scaled}/test")
    assert sorted(m["name"] for m in pipeline.measured(fused)) == ["fixed-0.96", "h"]
    assert all(m["worst"] == 0.5 for m in pipeline.measured(fused))
