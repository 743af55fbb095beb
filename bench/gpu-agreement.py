#!/usr/bin/python3
"""Agreement and latency of MixGuard instances on other execution providers against a CPU instance.

Sends the bundled probe set (models/<model>/probe-images.idx) as JSON tensors to every instance, compares
each candidate's mixed probabilities, alpha and top-1 class with the reference's, then times sequential
classify requests at each batch size. Standard library only. Prints a Markdown report (and writes it to --out).

  bench/gpu-agreement.py --reference http://localhost:8081 --candidate http://localhost:8082 \
      --candidate http://localhost:8083 --out bench/results/gpu.md
"""
import argparse
import json
import statistics
import struct
import time
import urllib.request


def read_idx_images(path, limit):
    with open(path, "rb") as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x803:
            raise SystemExit(f"{path}: expected IDX magic 0x803 (uint8, 3 dims), found {magic:#x}")
        count = min(count, limit)
        data = f.read(count * rows * cols)
    return [[b / 255.0 for b in data[i * rows * cols:(i + 1) * rows * cols]] for i in range(count)], rows, cols


def call(base, path, body=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def classify(base, model, images, shape, top_k):
    channels, rows, cols = shape
    body = {"tensor": {"shape": [len(images), channels, rows, cols], "data": [v for image in images for v in image]}}
    start = time.perf_counter()
    answer = call(base, f"/v1/models/{model}/classify?top_k={top_k}", body)
    return answer, (time.perf_counter() - start) * 1000


def outputs(base, model, images, shape, classes, batch=64):
    """Per image: the mixed probability of every class, alpha, and the top-1 class."""
    result = []
    for start in range(0, len(images), batch):
        answer, _ = classify(base, model, images[start:start + batch], shape, classes)
        for prediction in answer["predictions"]:
            probabilities = [0.0] * classes
            for entry in prediction["top_k"]:
                probabilities[entry["index"]] = entry["probability"]
            result.append((probabilities, prediction["alpha"], prediction["class_index"]))
    return result


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def latency(base, model, images, shape, batch, runs):
    chunk = images[:batch]
    for _ in range(10):
        classify(base, model, chunk, shape, 1)
    wall, inference = [], []
    for _ in range(runs):
        answer, ms = classify(base, model, chunk, shape, 1)
        wall.append(ms)
        inference.append(answer["timing"]["inference_ms"])
    return wall, inference


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", required=True, help="base URL of the instance on CPU")
    parser.add_argument("--candidate", action="append", required=True, help="base URL of an instance to compare")
    parser.add_argument("--model", default="fashion-mnist")
    parser.add_argument("--images", type=int, default=1000, help="probe images to compare (at most the set)")
    parser.add_argument("--batches", default="1,64", help="batch sizes to time")
    parser.add_argument("--runs", type=int, default=200, help="timed requests per batch size")
    parser.add_argument("--out", help="also write the report here")
    args = parser.parse_args()

    info = call(args.reference, f"/v1/models/{args.model}")
    shape = tuple(info["input"]["shape"][1:])
    classes = len(info["labels"])
    images, _, _ = read_idx_images(f"models/{args.model}/probe-images.idx", args.images)
    reference = outputs(args.reference, args.model, images, shape, classes)

    lines = [f"# {args.model}: agreement with CPU and latency per execution provider", "",
             f"{len(images)} probe images; probabilities compared over all {classes} classes.", "",
             "| instance | provider | skipped | max abs diff probability | max abs diff alpha | top-1 agreement |",
             "|---|---|---|---|---|---|"]
    timings = []
    for base in [args.reference] + args.candidate:
        model = call(base, f"/v1/models/{args.model}")
        provider = model["provider"]
        skipped = ", ".join(s["provider"] for s in model["skipped_providers"]) or "-"
        mine = reference if base == args.reference else outputs(base, args.model, images, shape, classes)
        diff_p = max(abs(a - b) for (pa, _, _), (pb, _, _) in zip(mine, reference) for a, b in zip(pa, pb))
        diff_alpha = max(abs(a - b) for (_, a, _), (_, b, _) in zip(mine, reference))
        agree = sum(1 for (_, _, a), (_, _, b) in zip(mine, reference) if a == b)
        lines.append(f"| {base} | {provider} | {skipped} | {diff_p:.2e} | {diff_alpha:.2e} | "
                     f"{agree}/{len(images)} |")
        for batch in [int(b) for b in args.batches.split(",")]:
            wall, inference = latency(base, args.model, images, shape, batch, args.runs)
            timings.append((base, provider, batch, wall, inference))
    lines += ["", f"Sequential requests, {args.runs} per row after 10 unmeasured ones; wall time includes HTTP and "
              "JSON, inference is the service's own `timing.inference_ms`.", "",
              "| instance | provider | batch | wall p50 ms | wall p99 ms | inference p50 ms | inference p99 ms |"
              " images/s (wall p50) |", "|---|---|---|---|---|---|---|---|"]
    for base, provider, batch, wall, inference in timings:
        lines.append(f"| {base} | {provider} | {batch} | {statistics.median(wall):.2f} | "
                     f"{percentile(wall, 99):.2f} | {statistics.median(inference):.3f} | "
                     f"{percentile(inference, 99):.3f} | {batch / statistics.median(wall) * 1000:.0f} |")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)


if __name__ == "__main__":
    main()
