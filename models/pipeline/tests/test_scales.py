import argparse

import pytest
import torch

import run_pipeline
from mgpipe import frontier
from mgpipe.fused import FusedModel, build_fashion_models


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
