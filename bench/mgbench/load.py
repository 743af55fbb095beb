"""Load generators: wrk at a fixed concurrency, h2load at a fixed request rate, and the in-process ORT loop."""
import glob
import json
import os
import resource
import statistics
import subprocess
import tempfile

WRK_TIMEOUT = "30s"


def children_cpu_s():
    """User + system CPU seconds of every finished child of this process (wrk, h2load) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrk(root, url, body, ctype, connections, seconds, think_ms=None):
    """Closed-loop load: `connections` keep one request each in flight, each first waiting an exponential time
    of mean `think_ms` when given. Returns the Lua summary with req/s."""
    threads = min(connections, os.cpu_count() or 1)
    env = {**os.environ, "BODY": body, "CTYPE": ctype, **({"THINK_MS": str(think_ms)} if think_ms else {})}
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", WRK_TIMEOUT,
                          "-s", os.path.join(root, "bench", "wrk-post.lua"), url],
                         env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    result = json.loads(line[5:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def poisson(root, url, body, ctype, rate, seconds, connections=64):
    """Requests arriving as a Poisson stream of about `rate` per second: `connections` each wait an exponential
    time between answer and next request, with a mean long next to the answer time, so their superposition
    is close to Poisson. A 3 s pilot measures the mean answer time, which the mean wait leaves room for.
    Returns wrk's summary with the achieved req/s."""
    cycle_ms = 1000 * connections / rate
    pilot = wrk(root, url, body, ctype, connections, 3, think_ms=cycle_ms)
    result = wrk(root, url, body, ctype, connections, seconds,
                 think_ms=max(cycle_ms - pilot["mean_us"] / 1000, cycle_ms / 2))
    result["target_rps"] = rate
    return result


def fixed_rate(url, body, ctype, rate, seconds, clients=16):
    """Open-loop load at about `rate` requests/s from `clients` connections; p50/p99 from h2load's log."""
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        per_client = max(1, round(rate / clients))
        subprocess.run(["h2load", "--h1", "-c", str(clients), "-D", str(seconds), f"--rps={per_client}",
                        "-d", body, "-H", f"content-type: {ctype}", "--log-file", log.name, url],
                       capture_output=True, text=True, check=True)
        rows = [line.split("\t") for line in open(log.name) if line.strip()]
    latencies = sorted(int(row[2]) for row in rows)
    ok = sum(1 for row in rows if row[1].startswith("2"))
    if not latencies:
        raise RuntimeError(f"expected h2load to log requests to {url}, found none")
    return {"target_rps": per_client * clients, "rps": len(rows) / seconds, "non2xx": len(rows) - ok,
            "p50_us": percentile(latencies, 50), "p99_us": percentile(latencies, 99)}


def percentile(sorted_values, p):
    """The nearest-rank percentile."""
    index = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def ort_loop(root, model_file, shape, batch, seconds, threads, knobs):
    """Images/s of ONNX Runtime Java in-process (dev.mixguard.bench.OrtLoop from the test classes)."""
    ort_jar = glob.glob(os.path.join(root, "target", "quarkus-app", "lib", "main",
                                     "com.microsoft.onnxruntime.onnxruntime*.jar"))
    if not ort_jar:
        raise RuntimeError("expected the ONNX Runtime jar in target/quarkus-app/lib/main, found none")
    classpath = os.path.join(root, "target", "test-classes") + os.pathsep + ort_jar[0]
    tmp = os.path.join(root, "bench", "work", "tmp")
    out = subprocess.run(["java", "-Xmx128m", f"-Djava.io.tmpdir={tmp}", "-cp", classpath,
                          "dev.mixguard.bench.OrtLoop", model_file, *map(str, shape), str(batch), str(seconds),
                          str(threads), str(knobs["gamma_bias"]), str(knobs["alpha_low"]), str(knobs["alpha_high"])],
                         env={**os.environ, "TMPDIR": tmp}, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def spread(values):
    """Median, min and max of repeated measurements."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "all": values}
