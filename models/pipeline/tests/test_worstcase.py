import pytest
import torch

from mgpipe import worstcase
from test_attacks import linear_predict


def two_class_images(n):
    """A two-class linear model and n images of class 1 whose L-inf distances to its boundary alternate
    between 0.01 (within reach of an epsilon of 0.05) and 0.31 (out of reach)."""
    torch.manual_seed(3)
    w = torch.randn(144)
    depth = torch.where(torch.arange(n) % 2 == 0, 0.0, 0.3)
    x = (0.5 + depth[:, None] * w.sign()).reshape(n, 1, 12, 12)
    b = -0.5 * float(w.sum()) + 0.01 * float(w.abs().sum())
    return linear_predict(w, b), x, torch.ones(n, dtype=torch.long)


def near_and_far_images(n):
    """two_class_images with two more classes far below, as the targeted DLR loss needs at least four."""
    model, x, y = two_class_images(n)

    def predict(z):
        log_probs = model(z)[0]
        s = log_probs[:, 1] - log_probs[:, 0]
        return torch.log_softmax(torch.stack([torch.zeros_like(s), s, s - 5, s - 6], 1), 1), None
    return predict, x, y


def small_suite(monkeypatch):
    monkeypatch.setattr(worstcase, "CHUNK", 4)
    monkeypatch.setattr(worstcase, "SQUARE_QUERIES", 100)
    monkeypatch.setattr(worstcase, "TARGETS", 1)


def counting(model, calls):
    def predict(z):
        calls.append(len(z))
        return model(z)
    return predict


def test_worst_case_resumes_chunk_by_chunk_to_the_same_result(tmp_path, monkeypatch):
    small_suite(monkeypatch)
    model, x, y = near_and_far_images(10)
    calls, store = [], str(tmp_path / "candidate.jsonl")
    predict = counting(model, calls)
    first = worstcase.run("toy", predict, predict, x, y, 10, 0.05, False, store, log=lambda m: None, n_iter=10)
    assert first["images"] == 10 and first["clean"] == 1.0
    assert first["worst"] == 0.5  # the far half holds; every near image falls
    assert len(open(store).read().splitlines()) == 3
    calls.clear()
    assert worstcase.run("toy", predict, predict, x, y, 10, 0.05, False, store, log=lambda m: None,
                         n_iter=10)["worst"] == first["worst"]
    assert calls == []  # every chunk read back, none attacked again
    lines = open(store).read().splitlines()
    open(store, "w").write("\n".join(lines[:1] + lines[2:]) + "\n")  # lose the middle chunk
    again = worstcase.run("toy", predict, predict, x, y, 10, 0.05, False, store, log=lambda m: None, n_iter=10)
    assert calls and {k: v for k, v in again.items() if k != "seconds"} == {k: v for k, v in first.items() if k != "seconds"}


def test_an_image_is_robust_only_if_clean_correct_and_it_survives_every_attack_in_turn():
    chunk = {"start": 0, "end": 4, "clean": [True, True, True, False],
             "after": {"apgd-ce": [True, True, False, False], "apgd-t": [True, False, False, False],
                       "square": [True, False, False, False]},
             "seconds": {"apgd-ce": 1, "apgd-t": 2, "square": 3}}
    summary = worstcase.summarize([chunk, dict(chunk, start=4, end=8)])
    assert summary["clean"] == 0.75 and summary["worst"] == 0.25
    assert summary["after"] == {"apgd-ce": 0.5, "apgd-t": 0.25, "square": 0.25}


def test_later_attacks_only_see_the_images_earlier_ones_left(monkeypatch):
    small_suite(monkeypatch)
    model, x, y = near_and_far_images(4)
    sizes = []

    def predict(z):
        sizes.append(len(z))
        return model(z)
    out = worstcase.attack_chunk(predict, predict, x, y, 0, 0.05, False, n_iter=10, log=lambda m: None)
    assert out["after"]["apgd-ce"] == [False, True, False, True]
    assert max(sizes[-5:]) <= 2  # Square ran on the two images APGD left


def test_the_suite_attacks_alpha_only_when_it_moves():
    assert worstcase.suite(False) == ["apgd-ce", "apgd-t", "square"]
    assert worstcase.suite(True) == ["apgd-ce-alpha", "apgd-t-alpha", "apgd-ce", "apgd-t", "square"]


def test_recheck_takes_robust_flags_from_images_a_fixed_attack_now_fools(tmp_path, monkeypatch):
    small_suite(monkeypatch)
    monkeypatch.setattr(worstcase, "N_ITER", 10)
    model, x, y = near_and_far_images(8)
    store = str(tmp_path / "candidate.jsonl")
    first = worstcase.run("toy", model, model, x, y, 8, 0.05, False, store, log=lambda m: None, n_iter=10)
    assert first["worst"] == 0.5
    chunks = worstcase._read(store)
    for chunk in chunks.values():  # a stalled attack: every image kept its flag
        chunk["after"] = {a: list(chunk["clean"]) for a in chunk["after"]}
    worstcase._write(store, chunks)
    assert worstcase.kept(store)["worst"] == 1.0
    calls = []
    again = worstcase.recheck(store, counting(model, calls), model, x, y, 0.05, "the fix", log=lambda m: None)
    assert again["worst"] == 0.5 and worstcase.kept(store)["worst"] == 0.5
    assert worstcase.kept(store)["rechecked"] == {"reasons": ["the fix"], "chunks": 2, "images": 8, "fooled": 4}
    kept = worstcase._read(store)
    assert kept[0]["recheck"]["images"] == [0, 1, 2, 3] and kept[0]["recheck"]["fooled"]["apgd-ce"] == [0, 2]
    assert kept[0]["after"]["square"] == [False, True, False, True]
    calls.clear()
    worstcase.recheck(store, counting(model, calls), model, x, y, 0.05, "the fix", log=lambda m: None)
    assert calls == []  # every chunk already rechecked for this reason
    with pytest.raises(SystemExit, match="expected kept results to recheck in .*none.jsonl, found none"):
        worstcase.recheck(str(tmp_path / "none.jsonl"), model, model, x, y, 0.05, "the fix")


def test_a_second_restart_draws_other_starts_and_keeps_the_worst_case_over_both(tmp_path, monkeypatch):
    small_suite(monkeypatch)
    monkeypatch.setattr(worstcase, "N_ITER", 10)
    model, x, y = near_and_far_images(8)
    store = str(tmp_path / "candidate.jsonl")
    worstcase.run("toy", model, model, x, y, 8, 0.05, False, store, log=lambda m: None, n_iter=10)
    chunks = worstcase._read(store)
    for chunk in chunks.values():  # a first run that missed every near image
        chunk["after"] = {a: list(chunk["clean"]) for a in chunk["after"]}
    worstcase._write(store, chunks)
    starts, apgd = [], worstcase.apgd.apgd

    def seeded(predict, loss, x, y, eps, n_iter, seed, indices, **kw):
        starts.extend(indices.tolist())
        return apgd(predict, loss, x, y, eps, n_iter, seed, indices, **kw)
    monkeypatch.setattr(worstcase.apgd, "apgd", seeded)
    again = worstcase.restart(store, model, model, x, y, 0.05, log=lambda m: None)
    assert again["worst"] == 0.5 and worstcase.kept(store)["restarted"] == {"chunks": 2, "images": 8, "fooled": 4}
    assert starts and min(starts) >= worstcase.RESTART_OFFSET, f"expected seeds past the first run's, found {starts}"
    kept = worstcase._read(store)
    assert kept[0]["restart"]["fooled"]["apgd-ce"] == [0, 2] and kept[0]["restart"]["fooled"]["square"] == []
    assert kept[0]["restart"]["seed_offset"] == worstcase.RESTART_OFFSET
    calls = []
    worstcase.restart(store, counting(model, calls), counting(model, calls), x, y, 0.05, log=lambda m: None)
    assert calls == []  # every chunk already restarted
