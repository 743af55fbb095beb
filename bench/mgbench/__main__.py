"""bench/run.sh [fashion-mnist|bench-cifar|all]: runs the benchmark and writes bench/results/<model>.md and .json."""
import datetime
import json
import os
import platform
import subprocess
import sys

from .plan import Bench
from .report import markdown

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = {
    "fashion-mnist": (os.path.join(ROOT, "models"), 6),
    "bench-cifar": (os.path.join(ROOT, "bench", "work", "models"), 8),
}


def load_average():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def ensure_model(name, models_dir):
    if not os.path.isfile(os.path.join(models_dir, name, "model.onnx")):
        if name != "bench-cifar":
            raise SystemExit(f"expected {models_dir}/{name}/model.onnx, found none")
        print("generating the CIFAR-size benchmark model (models/pipeline/make_bench_model.py)", flush=True)
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "models", "pipeline", "make_bench_model.py"),
                        os.path.join(models_dir, name)], check=True)


def main(which):
    names = list(MODELS) if which == "all" else [which]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise SystemExit(f"expected fashion-mnist, bench-cifar or all, found {' '.join(unknown)}")
    commit = os.environ.get("BENCH_COMMIT") or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip() or "unknown"
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    for name in names:
        models_dir, seconds = MODELS[name]
        ensure_model(name, models_dir)
        seconds = int(os.environ.get("BENCH_SECONDS", seconds))
        context = {"command": f"bench/run.sh {which}", "commit": commit,
                   "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": platform.platform(),
                   "cpus": os.cpu_count(), "load_before": load_average()}
        results = Bench(ROOT, name, models_dir, seconds, log=lambda m: print(m, flush=True)).run()
        context["load_after"] = load_average()
        results["context"] = context
        base = os.path.join(ROOT, "bench", "results", name)
        with open(base + ".json", "w") as f:
            json.dump(results, f, indent=1)
        with open(base + ".md", "w") as f:
            f.write(markdown(results, context))
        print(f"wrote {base}.md", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "all")
