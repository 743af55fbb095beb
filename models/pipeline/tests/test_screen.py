import pytest
import torch

from mgpipe import screen
from mgpipe.fused import FusedModel, build_fashion_models


def test_a_setting_reads_scales_alpha_range_and_an_optional_gamma_bias():
    assert screen.parse("1.2,0.3,0.96,1") == (1.2, 0.3, {"gamma_bias": 0.0, "alpha_low": 0.96, "alpha_high": 1.0})
    assert screen.parse("1,1,0,1,2")[2]["gamma_bias"] == 2.0
    with pytest.raises(SystemExit, match="expected S_G,S_H,ALPHA_LOW,ALPHA_HIGH"):
        screen.parse("1,1,0.5")


def test_screening_leaves_the_models_scales_as_they_were_and_never_reports_more_than_clean():
    torch.manual_seed(0)
    fused = FusedModel(*build_fashion_models(4, 4)).eval()
    x, y = torch.rand(6, 1, 28, 28), torch.randint(0, 10, (6,))
    line = screen.screen(fused, "2,0.5,0.5,1,1", x, y, x, y, 0.1, n_iter=3)
    assert (fused.std_scale, fused.rob_scale) == (1.0, 1.0)
    clean = float(line.split("clean ")[2].split(",")[0])
    worst = float(line.split("screened worst ")[1].split(" ")[0])
    assert 0.0 <= worst <= clean
