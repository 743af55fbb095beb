"""What one benchmark run measures for one model, and in which order."""
import os
import time

from . import bodies, load
from .procs import Peer, Service

SCENARIOS = ("v2-json", "v1-png", "v1-multipart-32")
CONCURRENCY = (1, 16, 64)
REPEATS = 3
HEAD_TO_HEAD_ROUNDS = int(os.environ.get("HEAD_TO_HEAD_ROUNDS", "6"))
# Seconds of v2 JSON load at 64 connections each server gets before the head-to-head rounds. On 2 CPUs the service
# reaches its steady state only after 75 to 90 s of that load (2026-11-27, quiet machine, consecutive 15 s runs:
# 1681, 2888, 3202, 3196, 3415, then 3487 to 3602 req/s), so shorter warm-ups measured its warm-up in the first pairs.
HEAD_TO_HEAD_WARM_S = int(os.environ.get("HEAD_TO_HEAD_WARM_S", "90"))
SERVICE_PORT = int(os.environ.get("BENCH_PORT", "18181"))
PEER_PORT = int(os.environ.get("PEER_PORT", "18500"))
APP_DIR = os.path.join(os.path.dirname(__file__), "..", "work", "app")  # bench/prepare-app.sh lays it out
ON_HEAVY_LOAD = ("mixguard.batching.queue-capacity=4096", "mixguard.batching.request-timeout=60s")


class Bench:
    """Runs every measurement of one model and collects them in `results`."""

    def __init__(self, root, model, models_dir, seconds, log=print):
        self.root, self.model, self.models_dir, self.seconds, self.log = root, model, models_dir, seconds, log
        self.model_file = os.path.join(models_dir, model, "model.onnx")
        self.logs = os.path.join(root, "bench", "work", "logs")
        self.results = {"model": model, "seconds_per_run": seconds, "repeats": REPEATS}

    def run(self):
        self.startups()
        self.batching_on()
        self.batching_off()
        self.peer()
        self.head_to_head()
        self.in_process()
        return self.results

    def service(self, tag, props=()):
        return Service(self.root, APP_DIR, SERVICE_PORT, self.models_dir, self.model,
                       os.path.join(self.logs, f"{self.model}-{tag}.log"), (*ON_HEAVY_LOAD, *props))

    def startups(self):
        """Start-up to ready and idle RSS, three fresh starts; the bodies from the served model's geometry."""
        times, rss = [], []
        for i in range(REPEATS):
            service = self.service("startup")
            times.append(service.startup_s)
            time.sleep(1)
            rss.append(service.rss_mb())
            if i == 0:
                info = service.info()
            service.stop()
        shape = info["input"]["shape"][1:]
        self.shape, self.knobs, self.input_name = shape, info["knobs"], info["input"]["name"]
        self.bodies = bodies.write(os.path.join(self.root, "bench", "work", "bodies", self.model), *shape,
                                   self.input_name)
        self.results.update(startup_s=load.spread(times), idle_rss_mb=load.spread(rss), shape=shape, knobs=self.knobs)
        self.log(f"{self.model}: start-up {load.spread(times)['median']:.2f} s, idle RSS {rss[0]:.0f} MB")

    def urls(self, base):
        return {"v2-json": f"{base}/v2/models/{self.model}/infer",
                "v1-png": f"{base}/v1/models/{self.model}/classify",
                "v1-multipart-32": f"{base}/v1/models/{self.model}/classify"}

    def batching_on(self):
        service = self.service("batching-on")
        try:
            self.results["batching_on"] = self.closed_loop(service, SCENARIOS, CONCURRENCY)
            self.results["batching_on_rss_after_mb"] = service.rss_mb()
            self.results["cpu_cap"] = service.cpu_cap()
            if self.model == "fashion-mnist":
                self.results["half_peak"] = self.half_peak(service)
        finally:
            self.results["batching_on_exit"] = service.stop()

    def batching_off(self):
        service = self.service("batching-off", ("mixguard.batching.enabled=false",))
        try:
            self.results["batching_off_startup_s"] = service.startup_s
            self.results["batching_off"] = self.closed_loop(service, SCENARIOS, (64,))
            self.results["batching_off_rss_after_mb"] = service.rss_mb()
        finally:
            service.stop()

    def peer(self):
        peer = Peer(self.root, PEER_PORT, self.model_file, self.model, self.knobs,
                    os.path.join(self.logs, f"{self.model}-peer.log"))
        try:
            self.results["peer_startup_s"] = peer.startup_s
            self.results["peer"] = self.closed_loop(peer, ("v2-json",), CONCURRENCY)
            self.results["peer_rss_after_mb"] = peer.rss_mb()
        finally:
            peer.stop()

    def head_to_head(self):
        """v2 JSON at 64 connections, the service and the peer both running and measured in turn (ABBA order,
        HEAD_TO_HEAD_ROUNDS pairs), so that load from elsewhere on a shared machine falls on both alike."""
        service = self.service("head-to-head")
        peer = Peer(self.root, PEER_PORT, self.model_file, self.model, self.knobs,
                    os.path.join(self.logs, f"{self.model}-peer-head-to-head.log"))
        try:
            body, ctype, _ = self.bodies["v2-json"]
            for target in (service, peer):
                load.wrk(self.root, self.urls(target.base)["v2-json"], body, ctype, 64, HEAD_TO_HEAD_WARM_S)
            pairs = []
            for i in range(HEAD_TO_HEAD_ROUNDS):
                order = (service, peer) if i % 2 == 0 else (peer, service)
                runs = {target: self.one_run(target, self.urls(target.base)["v2-json"], body, ctype, 64)
                        for target in order}
                rps = {target: run["rps"] for target, run in runs.items()}
                pairs.append({"service_rps": rps[service], "peer_rps": rps[peer],
                              "ratio": rps[service] / rps[peer], "load": os.getloadavg()[0],
                              **{f"{name}_{key}": runs[target][key] for name, target in (("service", service),
                                                                                          ("peer", peer))
                                 for key in ("server_cpu_us_per_request", "wrk_cpu_us_per_request")}})
                self.log(f"{self.model} head to head {i + 1}: service {rps[service]:.0f}, peer {rps[peer]:.0f} "
                         f"req/s ({pairs[-1]['ratio']:.2f}x)")
            self.results["head_to_head"] = {"pairs": pairs, "warm_s": HEAD_TO_HEAD_WARM_S,
                                            "ratio": load.spread([p["ratio"] for p in pairs]),
                                            "service_rps": load.spread([p["service_rps"] for p in pairs]),
                                            "peer_rps": load.spread([p["peer_rps"] for p in pairs])}
        finally:
            service.stop()
            peer.stop()

    def in_process(self):
        batches = {1} | {max(1, round(self.results["batching_on"][s]["64"]["mean_batch"]["median"]))
                         for s in SCENARIOS}
        self.results["ort"] = {}
        for batch in sorted(batches):
            runs = [load.ort_loop(self.root, self.model_file, self.shape, batch, min(self.seconds, 5),
                                  os.cpu_count(), self.knobs)["images_per_s"] for _ in range(REPEATS)]
            self.results["ort"][str(batch)] = load.spread(runs)
            self.log(f"{self.model}: in-process ORT batch {batch}: {load.spread(runs)['median']:.0f} images/s")

    def closed_loop(self, target, scenarios, concurrencies):
        """wrk at each concurrency, REPEATS times, after a warm-up run per scenario."""
        urls, out = self.urls(target.base), {}
        for scenario in scenarios:
            body, ctype, images = self.bodies[scenario]
            load.wrk(self.root, urls[scenario], body, ctype, 16, 3)
            self.settle(target)
            out[scenario] = {}
            for connections in concurrencies:
                runs = [self.one_run(target, urls[scenario], body, ctype, connections) for _ in range(REPEATS)]
                out[scenario][str(connections)] = summary(runs, images)
                cell = out[scenario][str(connections)]
                self.log(f"{self.model} {type(target).__name__} {scenario} c={connections}: "
                         f"{cell['rps']['median']:.0f} req/s, p99 {cell['p99_ms']['median']:.1f} ms, "
                         f"batch {cell['mean_batch']['median'] if cell['mean_batch'] else '-'}")
        return out

    def one_run(self, target, url, body, ctype, connections):
        metered = isinstance(target, Service)
        before = (target.metric("nv_inference_count"), target.metric("nv_inference_exec_count")) if metered else None
        server_cpu, wrk_cpu = target.cpu_s(), load.children_cpu_s()
        result = load.wrk(self.root, url, body, ctype, connections, self.seconds)
        result["server_cpu_us_per_request"] = (target.cpu_s() - server_cpu) * 1e6 / max(result["requests"], 1)
        result["wrk_cpu_us_per_request"] = (load.children_cpu_s() - wrk_cpu) * 1e6 / max(result["requests"], 1)
        self.settle(target)
        if metered:
            runs = target.metric("nv_inference_exec_count") - before[1]
            images = target.metric("nv_inference_count") - before[0]
            result["mean_batch"] = images / runs if runs else None
            result["server_images_per_s"] = images / (result["duration_us"] / 1e6)
        return result

    def settle(self, target):
        if isinstance(target, Service):
            target.wait_idle()
        else:
            time.sleep(1)

    def half_peak(self, service):
        """Latency at half the peak closed-loop throughput, for two arrival patterns: Poisson (64 wrk connections
        with exponential waits) and h2load's fixed rate (16 connections whose timers fire in step, so requests
        come in bursts of 16)."""
        out = {}
        for scenario in ("v2-json", "v1-png"):
            body, ctype, _ = self.bodies[scenario]
            url = self.urls(service.base)[scenario]
            peak = max(cell["rps"]["median"] for cell in self.results["batching_on"][scenario].values())
            for arrivals, run in (("poisson", lambda: load.poisson(self.root, url, body, ctype, peak / 2,
                                                                   self.seconds)),
                                  ("h2load", lambda: load.fixed_rate(url, body, ctype, peak / 2, self.seconds))):
                runs = []
                for _ in range(REPEATS):
                    runs.append(run())
                    service.wait_idle()
                cell = {"arrivals": arrivals, "peak_rps": peak, "target_rps": runs[0]["target_rps"],
                        "rps": load.spread([r["rps"] for r in runs]),
                        "p50_ms": load.spread([r["p50_us"] / 1000 for r in runs]),
                        "p99_ms": load.spread([r["p99_us"] / 1000 for r in runs]),
                        "non2xx": sum(r["non2xx"] for r in runs)}
                out[f"{scenario} {arrivals}"] = cell
                self.log(f"{self.model} half peak {scenario} ({arrivals}): {cell['rps']['median']:.0f} req/s, "
                         f"p99 {cell['p99_ms']['median']:.2f} ms")
        return out


def summary(runs, images):
    """Spread of each measured quantity over the repeats."""
    batches = [r["mean_batch"] for r in runs if r.get("mean_batch") is not None]
    served = [r["server_images_per_s"] for r in runs if "server_images_per_s" in r]
    return {"rps": load.spread([r["rps"] for r in runs]),
            "images_per_s": load.spread([r["rps"] * images for r in runs]),
            "server_images_per_s": load.spread(served) if served else None,
            "p50_ms": load.spread([r["p50_us"] / 1000 for r in runs]),
            "p99_ms": load.spread([r["p99_us"] / 1000 for r in runs]),
            "mean_batch": load.spread(batches) if batches else None,
            "non2xx": sum(r["non2xx"] for r in runs), "socket_errors": sum(r["socket_errors"] for r in runs)}
