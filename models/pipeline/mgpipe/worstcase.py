"""Per-image worst-case robustness, as AutoAttack runs it: each attack in turn on the images that every earlier
attack left correctly classified, in resumable chunks.

The suite (adaptive-smoothing.md sections 5 and 8): APGD-CE; APGD-T (targeted DLR towards each of the 9 runner-up
classes of the clean output); for a model whose alpha moves (adaptive mixture) also the same two with the composite
loss (1 - w) loss + w BCE(gamma, 1), w = 0.5, which also pushes alpha down; then Square (L-inf, 5000 queries,
p_init 0.8).
An image is robust only if it is classified correctly clean and survives every attack, so the running count after
the last attack is the worst case; the count after each attack is what AutoAttack reports as it goes.
"""
import json
import os
import time

import torch

from . import apgd, attacks

N_ITER = 100
TARGETS = 9
ALPHA_WEIGHT = 0.5
SQUARE_QUERIES, SQUARE_P_INIT, SQUARE_SEED = 5000, 0.8, 7
CHUNK = 250  # images per kept chunk, and per attack batch; a GPU takes larger ones (--chunk)
RESTART_OFFSET = 500_000  # added to an image's test index to seed a second restart: no seed of the first run recurs
RESTART_SQUARE_SEED = 8  # the first run's Square uses SQUARE_SEED


def suite(adaptive):
    """The attack names in the order they run. The composite ones run only when alpha depends on the input, and
    then first: they break the most images, so the plain ones have fewer left. Every APGD attack of an image
    depends on that image alone (per-image seeds, targets from its clean output), so their order changes no worst
    case; Square runs last, as in AutoAttack."""
    names = ["apgd-ce-alpha", "apgd-t-alpha"] if adaptive else []
    return names + ["apgd-ce", "apgd-t", "square"]


def describe(n_iter=N_ITER):
    """What ran, for the card and the spec."""
    return {"apgd": {"iterations": n_iter, "restarts": 1, "momentum": apgd.MOMENTUM, "rho": apgd.RHO,
                     "initial_step": "2 eps", "checkpoints": apgd.checkpoints(n_iter)},
            "apgd-t": {"targets": TARGETS, "loss": "targeted DLR", "targets_from": "clean output, ranks 2-10"},
            "alpha": {"loss": "(1 - w) loss + w BCE(gamma, 1)", "w": ALPHA_WEIGHT},
            "square": {"queries": SQUARE_QUERIES, "p_init": SQUARE_P_INIT, "loss": "margin"},
            "seeds": "APGD: per image, seed * 1000003 + test index, seed 0 for apgd-ce, 1 + rank for apgd-t, "
                     "100 for apgd-ce-alpha, 101 + rank for apgd-t-alpha; "
                     f"Square: seed {SQUARE_SEED} per chunk"}


def _attack(name, predict, fast_predict, x, y, idx, eps, runner_up, n_iter, square_seed=SQUARE_SEED):
    """One attack of the suite on x (Square from `square_seed`, APGD from the per-image seeds of `idx`); returns the
    per-image fooled flags."""
    if name == "square":
        gen = torch.Generator(device=x.device).manual_seed(square_seed)
        return attacks.square_linf(fast_predict, x, y, eps, SQUARE_QUERIES, SQUARE_P_INIT, gen)[1]
    return _apgd_attack(name, predict, x, y, idx, eps, runner_up, n_iter)


def _apgd_attack(name, predict, x, y, idx, eps, runner_up, n_iter):
    """One APGD attack (all targets for the targeted ones) on x; returns the per-image fooled flags."""
    weight = ALPHA_WEIGHT if name.endswith("-alpha") else 0.0
    base_seed = 100 if weight else 0
    loss = apgd.composite(apgd.targeted_dlr if name.startswith("apgd-t") else apgd.ce, weight)
    if not name.startswith("apgd-t"):
        return apgd.apgd(predict, loss, x, y, eps, n_iter, base_seed, idx)[1]
    fooled = torch.zeros(len(x), dtype=torch.bool, device=x.device)
    for rank in range(1, 1 + TARGETS):
        left = (~fooled).nonzero().flatten()
        if left.numel() == 0:
            break
        fooled[left] = apgd.apgd(predict, loss, x[left], y[left], eps, n_iter, base_seed + 1 + rank, idx[left],
                                 target=runner_up[left, rank])[1]
    return fooled


def attack_chunk(predict, fast_predict, x, y, start, eps, adaptive, n_iter=None, log=print, batch=None):
    """Runs the suite on one chunk (x, y are the chunk's images; `start` its first test index).

    Returns {"start", "end", "clean": [bool], "after": {attack: [bool]}, "seconds": {attack: s}}: after[a] is
    correct-and-unbroken after attack a and every attack before it."""
    n, batch, n_iter = len(x), batch or CHUNK, n_iter or N_ITER
    idx = torch.arange(start, start + n, device=x.device)
    with torch.no_grad():
        log_probs = torch.cat([fast_predict(x[i:i + batch])[0] for i in range(0, n, batch)])
    robust = log_probs.argmax(1) == y
    runner_up = log_probs.argsort(dim=1, descending=True)
    out = {"start": start, "end": start + n, "clean": robust.tolist(), "after": {}, "seconds": {}}
    for name in suite(adaptive):
        began = time.time()
        for i in range(0, n, batch):
            left = (robust[i:i + batch]).nonzero().flatten() + i
            if left.numel() == 0:
                continue
            fooled = _attack(name, predict, fast_predict, x[left], y[left], idx[left], eps, runner_up[left], n_iter)
            robust[left] &= ~fooled.to(robust.device)
        out["after"][name] = robust.tolist()
        out["seconds"][name] = round(time.time() - began, 1)
        log(f"  images {start}-{start + n}: after {name} {int(robust.sum())}/{n} ({out['seconds'][name]:.0f}s)")
    return out


def run(candidate, predict, fast_predict, x, y, count, eps, adaptive, store, log=print, n_iter=None, where=None,
        chunk=None):
    """The suite on the first `count` images in chunks of `chunk`; `store` is a JSON-lines file keeping each finished
    chunk, read back instead of attacked again, so a run resumes or grows chunk by chunk with the same result."""
    chunks, chunk = _read(store), chunk or CHUNK
    start = 0
    while start < count:
        if start in chunks:
            start = chunks[start]["end"]
            continue
        end = min(start + chunk, count)
        began = time.time()
        chunks[start] = attack_chunk(predict, fast_predict, x[start:end], y[start:end], start, eps, adaptive,
                                     n_iter, log, chunk)
        if where:
            chunks[start]["where"] = where
        _write(store, chunks)
        worst = sum(chunks[start]["after"]["square"])
        log(f"{candidate}: chunk {start}-{end} worst {worst}/{end - start} in {time.time() - began:.0f}s "
            f"({(end - start) / (time.time() - began):.2f} images/s)")
        start = end
    return summarize([c for c in _run_on(chunks) if c["start"] < count])


def recheck(store, predict, fast_predict, x, y, eps, reason, log=print, where=None):
    """Runs the suite's gradient attacks again on the images `store` counts as robust, after a fix to the gradients
    they follow: an image they now fool loses its flag from that attack on. Square's kept results stand (it follows no
    gradient); the images the rerun leaves robust need not be attacked by it again. Each chunk records the recheck
    under "recheck" (reason, images, what fooled which), so the step resumes chunk by chunk and a rerun is a no-op."""
    return _rerun(store, predict, fast_predict, x, y, eps, "recheck", {"reason": reason}, log, where)


def restart(store, predict, fast_predict, x, y, eps, log=print, where=None):
    """A second restart of the whole suite on the images `store` counts as robust: the same attacks in the same
    order, every APGD random start drawn from the image's seed moved by RESTART_OFFSET and Square's from
    RESTART_SQUARE_SEED, so no start of the first run recurs. An image it fools loses its flag from that attack on,
    so the kept result becomes the worst case over both restarts. Each chunk records it under "restart"; a rerun is
    a no-op."""
    return _rerun(store, predict, fast_predict, x, y, eps, "restart",
                  {"seed_offset": RESTART_OFFSET, "square_seed": RESTART_SQUARE_SEED}, log, where)


def _rerun(store, predict, fast_predict, x, y, eps, key, record, log, where):
    """The attacks of the kept suite again, chunk by chunk, on each chunk's robust images, and `record` with what
    fooled which under chunk[key]; a chunk already holding `record` there is skipped. The record says how: APGD's
    per-image seeds moved by its "seed_offset" (default 0), Square run again only from its "square_seed"."""
    seed_offset, square_seed = record.get("seed_offset", 0), record.get("square_seed")
    chunks = _read(store)
    if not chunks:
        raise SystemExit(f"expected kept results to {key} in {store}, found none")
    for start in sorted(chunks):
        chunk = chunks[start]
        if all(chunk.get(key, {}).get(k) == v for k, v in record.items()):
            continue
        began, names, end = time.time(), list(chunk["after"]), chunk["end"]
        left = torch.tensor([i for i, ok in enumerate(chunk["after"][names[-1]]) if ok], dtype=torch.long)
        checked, idx = left.tolist(), torch.arange(start, end, device=x.device) + seed_offset
        with torch.no_grad():
            runner_up = fast_predict(x[start:end])[0].argsort(dim=1, descending=True)
        fooled_by = {}
        for name in [a for a in names if square_seed is not None or a != "square"]:
            if left.numel() == 0:
                break
            rows = left.to(x.device)
            fooled = _attack(name, predict, fast_predict, x[start:end][rows], y[start:end][rows], idx[rows], eps,
                             runner_up[rows], N_ITER, square_seed).cpu()
            fooled_by[name] = [start + i for i in left[fooled].tolist()]
            for later in names[names.index(name):]:
                for i in left[fooled].tolist():
                    chunk["after"][later][i] = False
            left = left[~fooled]
        chunk[key] = dict(record, images=[start + i for i in checked], fooled=fooled_by,
                          seconds=round(time.time() - began, 1), where=where)
        _write(store, chunks)
        log(f"  images {start}-{end}: {key}: {len(checked)} robust images attacked again, now fooled "
            f"{sum(len(v) for v in fooled_by.values())} ({time.time() - began:.0f}s)")
    return summarize(_run_on(chunks))


def kept(store):
    """The summary of the kept chunks that run on from image 0 without a gap, or None when there are none."""
    run_on = _run_on(_read(store))
    return summarize(run_on) if run_on else None


def _run_on(chunks):
    """The chunks that run on from image 0 without a gap, in order."""
    expected, run_on = 0, []
    while expected in chunks:
        run_on.append(chunks[expected])
        expected = chunks[expected]["end"]
    return run_on


def summarize(chunks):
    """Accuracies over the chunks: clean, after each attack (cumulative), and worst (after the last)."""
    images = sum(c["end"] - c["start"] for c in chunks)
    names = list(chunks[0]["after"])
    after = {a: sum(sum(c["after"][a]) for c in chunks) / images for a in names}
    out = {"images": images, "clean": sum(sum(c["clean"]) for c in chunks) / images, "after": after,
           "worst": after[names[-1]], "seconds": {a: round(sum(c["seconds"][a] for c in chunks)) for a in names},
           "where": sorted({c.get("where", "cpu (2-core machine, before the device was recorded)") for c in chunks})}
    rechecks = [c["recheck"] for c in chunks if "recheck" in c]
    if rechecks:
        out["rechecked"] = dict(_counts(rechecks), reasons=sorted({r["reason"] for r in rechecks}))
    restarts = [c["restart"] for c in chunks if "restart" in c]
    if restarts:
        out["restarted"] = _counts(restarts)
    return out


def _counts(reruns):
    """Chunks, images attacked again and images newly fooled, over the records of one kind of rerun."""
    return {"chunks": len(reruns), "images": sum(len(r["images"]) for r in reruns),
            "fooled": sum(len(v) for r in reruns for v in r["fooled"].values())}


def _read(store):
    if not os.path.exists(store):
        return {}
    with open(store) as f:
        return {c["start"]: c for c in map(json.loads, filter(str.strip, f))}


def _write(store, chunks):
    os.makedirs(os.path.dirname(store) or ".", exist_ok=True)
    with open(store + ".tmp", "w") as f:
        for start in sorted(chunks):
            f.write(json.dumps(chunks[start], separators=(",", ":")) + "\n")
    os.replace(store + ".tmp", store)
