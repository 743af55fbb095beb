import torch

from mgpipe import evaluate
from test_attacks import linear_predict


def near_and_far_images(n):
    """A two-class linear model and n images of class 1 whose L-inf distances to its boundary alternate
    between 0.01 (within reach of an epsilon of 0.05) and 0.31 (out of reach)."""
    torch.manual_seed(3)
    w = torch.randn(144)
    depth = torch.where(torch.arange(n) % 2 == 0, 0.0, 0.3)
    x = (0.5 + depth[:, None] * w.sign()).reshape(n, 1, 12, 12)
    b = -0.5 * float(w.sum()) + 0.01 * float(w.abs().sum())
    return linear_predict(w, b), x, torch.ones(n, dtype=torch.long)


def test_square_in_chunks_keeps_each_chunk_and_resumes_to_the_same_result(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluate, "SQUARE_CHUNK", 4)
    monkeypatch.setattr(evaluate, "SQUARE_QUERIES", 200)
    model, x, y = near_and_far_images(10)
    calls = []

    def predict(z):
        calls.append(len(z))
        return model(z)
    clean = torch.ones(10, dtype=torch.bool)
    cache = lambda start: str(tmp_path / f"chunk-{start}.json")
    first = evaluate.square_sets(predict, x, y, 10, 0.05, 11, clean, cache)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunk-0.json", "chunk-4.json", "chunk-8.json"]
    assert first[1::2].all() and not first[0::2].all()  # far images hold; Square breaks some near ones
    calls.clear()
    assert torch.equal(evaluate.square_sets(predict, x, y, 10, 0.05, 11, clean, cache), first)
    assert calls == []  # every chunk read back, none attacked again
    (tmp_path / "chunk-4.json").unlink()
    assert torch.equal(evaluate.square_sets(predict, x, y, 10, 0.05, 11, clean, cache), first)
    assert calls  # the missing chunk was attacked again, to the same outcome
    assert torch.equal(evaluate.square_sets(predict, x, y, 10, 0.05, 11, clean, None), first)


def test_worst_case_is_per_image_over_all_four_attacks_on_the_square_images():
    sets = {"pgd_ce": torch.tensor([True, True, False, True]), "pgd_adaptive": torch.tensor([True, True, True, True]),
            "targeted": torch.tensor([True, False, True, True]), "square": torch.tensor([True, True, True])}
    accuracy, per_image = evaluate.summarize(sets)
    assert abs(accuracy["worst"] - 1 / 3) < 1e-6  # image 0 survives all; 1 falls to targeted, 2 to PGD-CE; 3 had no Square
    assert accuracy["pgd_ce"] == 0.75 and accuracy["square"] == 1.0
    assert per_image["square"] == [True, True, True]
