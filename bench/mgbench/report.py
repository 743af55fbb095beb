"""Writes one model's results as markdown: tables, then the issue's target ratios."""
from .plan import CONCURRENCY, SCENARIOS


ARRIVALS = {"poisson": "Poisson", "h2load": "h2load bursts of 16"}


def num(x):
    """A number with the digits that matter: 1234, 12.3, 1.23."""
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"


def fmt(cell, key):
    """'median (min–max)' of a spread, or '-'."""
    s = cell.get(key) if cell else None
    if not s:
        return "-"
    return f"{num(s['median'])} ({num(s['min'])}–{num(s['max'])})"


def ratio(a, b):
    return a / b if a and b else float("nan")


def times(x):
    """A ratio as text; n/a when a side completed no requests."""
    return "n/a (no requests completed)" if x != x else f"{x:.2f}x"


def targets(r):
    """(target, measured, met) rows; only those that apply to this model."""
    on, off, peer = r["batching_on"], r["batching_off"], r["peer"]
    rows = []
    v2_vs_peer = ratio(on["v2-json"]["64"]["rps"]["median"], peer["v2-json"]["64"]["rps"]["median"])
    rows.append(("v2 JSON @64: service / Node.js peer >= 2.0x (runs above, minutes apart)", times(v2_vs_peer),
                 v2_vs_peer >= 2.0))
    if "head_to_head" in r:
        h2h = r["head_to_head"]["ratio"]
        rows.append((f"v2 JSON @64: service / Node.js peer >= 2.0x (head to head, median of "
                     f"{len(r['head_to_head']['pairs'])} alternating pairs)",
                     f"{times(h2h['median'])} ({h2h['min']:.2f}–{h2h['max']:.2f})", h2h["median"] >= 2.0))
    for scenario in SCENARIOS:
        x = ratio(on[scenario]["64"]["images_per_s"]["median"], off[scenario]["64"]["images_per_s"]["median"])
        rows.append((f"{scenario} @64: batching on / off >= 1.5x", times(x), x >= 1.5))
    if r["model"] != "fashion-mnist":
        for scenario in SCENARIOS:
            cell = on[scenario]["64"]
            batch = str(max(1, round(cell["mean_batch"]["median"])))
            x = ratio(cell["images_per_s"]["median"], r["ort"][batch]["median"])
            rows.append((f"{scenario} @64: service images/s / in-process ORT at batch {batch} >= 0.85x",
                         times(x), x >= 0.85))
            served = cell.get("server_images_per_s")
            if served:
                y = ratio(served["median"], r["ort"][batch]["median"])
                rows.append((f"{scenario} @64: the same with the service's images/s from its metrics",
                             times(y), y >= 0.85))
    else:
        for scenario, cell in r["half_peak"].items():
            p99 = cell["p99_ms"]["median"]
            rows.append((f"{scenario}: p99 at half peak ({cell['rps']['median']:.0f} of {cell['peak_rps']:.0f} "
                         f"req/s, {ARRIVALS[cell['arrivals']]}) <= 10 ms", f"{p99:.2f} ms", p99 <= 10))
        rows.append(("start-up to ready, JVM image's launcher (AppCDS) <= 0.8 s", f"{r['startup_s']['median']:.2f} s",
                     r["startup_s"]["median"] <= 0.8))
        rows.append(("idle RSS after start-up <= 150 MB", f"{r['idle_rss_mb']['median']:.0f} MB",
                     r["idle_rss_mb"]["median"] <= 150))
        rows.append(("RSS after the run <= 300 MB", f"{r['batching_on_rss_after_mb']:.0f} MB",
                     r["batching_on_rss_after_mb"] <= 300))
    return rows


def throughput_rows(name, table, concurrencies):
    rows = []
    for scenario, cells in table.items():
        for c in concurrencies:
            cell = cells.get(str(c))
            if cell:
                rows.append(f"| {name} | {scenario} | {c} | {fmt(cell, 'rps')} | {fmt(cell, 'images_per_s')} | "
                            f"{fmt(cell, 'server_images_per_s')} | "
                            f"{fmt(cell, 'p50_ms')} | {fmt(cell, 'p99_ms')} | {fmt(cell, 'mean_batch')} | "
                            f"{cell['non2xx'] + cell['socket_errors']} |")
    return rows


def markdown(r, context):
    lines = [f"# Benchmark: {r['model']}", "",
             f"Command: `{context['command']}` (commit {context['commit']}, {context['date']}).", "",
             f"Machine: {context['machine']}, {context['cpus']} CPUs. **Load average before the run "
             f"{context['load_before']}, after {context['load_after']}** (the benchmark's own wrk, JVM and peer "
             "count in it). Whatever else ran on the machine adds noise; compare ratios within this run, not "
             "absolute numbers across runs.", ""]
    if r.get("cpu_cap"):
        lines += [f"**The measured processes (java, node, wrk) were capped at {r['cpu_cap']}** by the machine's "
                  "training guard: absolute numbers are far below what 2 free CPUs give.", ""]
    lines += [
             f"Every cell is the median of {r['repeats']} runs of {r['seconds_per_run']} s, with (min–max). The "
             "service starts as the JVM image starts it (`deploy/run-jvm.sh` on the layout of `bench/prepare-app.sh`: "
             "AppCDS archive, Serial GC, `MALLOC_ARENA_MAX=2`) with `-Xmx128m`, its defaults (dynamic batching: max batch 32, no queue delay, one "
             "instance per CPU) and `queue-capacity=4096`, `request-timeout=60s` so that 64 connections of 32 "
             "images fit. The Node.js peer is `../shared/peer/run.sh` (outside this repository; onnxruntime-node, "
             "one worker per CPU, no batching).", "",
             "## Start-up and memory", "",
             "| what | value |", "|---|---|",
             f"| start-up to ready (process start to /q/health/ready 200) | {fmt(r, 'startup_s')} s |",
             f"| idle RSS after start-up | {fmt(r, 'idle_rss_mb')} MB |",
             f"| RSS after the batching-on run | {r['batching_on_rss_after_mb']:.0f} MB |",
             f"| RSS after the batching-off run | {r['batching_off_rss_after_mb']:.0f} MB |",
             f"| Node.js peer RSS after its run (all processes) | {r['peer_rss_after_mb']:.0f} MB |", "",
             "## Closed-loop throughput (wrk)", "",
             "| server | request | connections | requests/s | images/s | images/s run (metrics) | p50 ms | p99 ms "
             "| mean batch | errors |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    lines += throughput_rows("service", r["batching_on"], CONCURRENCY)
    lines += throughput_rows("service, batching off", r["batching_off"], (64,))
    lines += throughput_rows("Node.js peer", r["peer"], CONCURRENCY)
    lines += ["", "images/s = answered requests x images per request / run time, as the client saw it; images/s "
              "run = Δ`nv_inference_count` / run time, what the service computed (it differs when answers take "
              "longer than a run, as for 32-image requests on a slow model). Mean batch = Δ`nv_inference_count` / "
              "Δ`nv_inference_exec_count`. Errors = non-2xx answers plus socket errors.", "",
              "## In-process ONNX Runtime Java (dev.mixguard.bench.OrtLoop, "
              "same session options, one thread per CPU)", "",
              "| batch | images/s |", "|---|---|"]
    lines += [f"| {batch} | {fmt(r['ort'], batch)} |" for batch in sorted(r["ort"], key=int)]
    if "half_peak" in r:
        lines += ["", "## Latency at half the peak throughput", "",
                  "Two arrival patterns at half the best closed-loop requests/s above. **Poisson**: 64 wrk connections, "
                  "each waiting an exponentially distributed time before each request (mean: 64 / rate less the "
                  "answer time from a 3 s pilot), so arrivals are close to a Poisson stream, as from many "
                  "independent clients. **h2load bursts**: `h2load --rps` on 16 connections; their timers start "
                  "together and fire in step, so requests arrive 16 at a time every 16 / rate seconds, and p99 "
                  "is the time to clear a burst.", "",
                  "| request | arrivals | peak req/s | offered req/s | achieved req/s | p50 ms | p99 ms | errors |",
                  "|---|---|---|---|---|---|---|---|"]
        for scenario, cell in r["half_peak"].items():
            lines.append(f"| {scenario.split()[0]} | {ARRIVALS[cell['arrivals']]} | {cell['peak_rps']:.0f} | "
                         f"{cell['target_rps']:.0f} | {fmt(cell, 'rps')} | {fmt(cell, 'p50_ms')} | "
                         f"{fmt(cell, 'p99_ms')} | {cell['non2xx']} |")
    if "head_to_head" in r:
        lines += ["", "## Head to head: v2 JSON at 64 connections, service and peer in turn", "",
                  "Both servers run at once, idle but for the one being measured; each pair is one run of each "
                  "(order alternating: service first, then peer first), so load from elsewhere falls on both alike. "
                  f"Each server first had {r['head_to_head'].get('warm_s', 12)} s of the same load, so that the "
                  "rounds measure steady state rather than the JVM's compilers.",
                  "CPU per request: the server's process group (user + system) and wrk's, over the run.",
                  "", "| pair | service req/s | peer req/s | ratio | service CPU us/req | peer CPU us/req | "
                  "wrk CPU us/req (service, peer) | load average |", "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {i + 1} | {p['service_rps']:.0f} | {p['peer_rps']:.0f} | {p['ratio']:.2f}x | "
                  f"{cpu(p, 'service_server')} | {cpu(p, 'peer_server')} | {cpu(p, 'service_wrk')}, "
                  f"{cpu(p, 'peer_wrk')} | {p['load']:.1f} |"
                  for i, p in enumerate(r["head_to_head"]["pairs"])]
    lines += ["", "## Targets (issue 11)", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in targets(r)]
    return "\n".join(lines) + "\n"


def cpu(pair, prefix):
    """A pair's CPU microseconds per request, or '-' for runs recorded before the bench measured it."""
    value = pair.get(f"{prefix}_cpu_us_per_request")
    return "-" if value is None else f"{value:.0f}"
