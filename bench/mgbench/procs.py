"""Starts, watches and stops the processes under test: the packaged service and the Node.js peer."""
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

HEAP = "-Xmx128m"
READY_TIMEOUT_S = 300


def http_get(url, timeout=5):
    """(status, body) of a GET; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def wait_ready(url, proc, log):
    """Seconds from now until `url` answers 200; fails if the process exits first."""
    start = time.monotonic()
    while time.monotonic() - start < READY_TIMEOUT_S:
        if proc.poll() is not None:
            raise RuntimeError(f"expected {url} to become ready, found the process exited ({proc.returncode});"
                               f" see {log}")
        if http_get(url, timeout=1)[0] == 200:
            return time.monotonic() - start
        time.sleep(0.01)
    raise RuntimeError(f"expected {url} to become ready within {READY_TIMEOUT_S} s, found it not; see {log}")


def rss_mb(pids):
    """Resident set size of these processes together, in MB."""
    total_kb = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                total_kb += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total_kb / 1024


def cpu_cap(pid):
    """The CPU quota of the cgroup `pid` runs in, as text ("0.70 CPU (cgroup /builds)"), or None when uncapped."""
    try:
        with open(f"/proc/{pid}/cgroup") as f:
            lines = [line.strip().split(":", 2) for line in f]
    except OSError:
        return None
    for _, controllers, path in lines:
        if "cpu" in controllers.split(","):
            base = os.path.join("/sys/fs/cgroup", controllers, path.lstrip("/"))
            quota = read_first(os.path.join(base, "cpu.cfs_quota_us"))
            period = read_first(os.path.join(base, "cpu.cfs_period_us"))
            if quota and period and int(quota) > 0:
                return f"{int(quota) / int(period):.2f} CPU (cgroup {path})"
        if controllers == "":
            limit = (read_first(os.path.join("/sys/fs/cgroup", path.lstrip("/"), "cpu.max")) or "max").split()
            if limit[0] != "max":
                return f"{int(limit[0]) / int(limit[1]):.2f} CPU (cgroup {path})"
    return None


def read_first(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def group_pids(pgid):
    """Every live process in process group `pgid`."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[2]) == pgid:
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


def cpu_s(pids):
    """User + system CPU seconds these processes have used so far, together."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


class Process:
    """A started server in its own process group, with its log file."""

    def __init__(self, args, log, ready_url, env=None):
        os.makedirs(os.path.dirname(log), exist_ok=True)
        self.log = log
        with open(log, "w") as out:
            self.proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                         env=env)
        self.startup_s = wait_ready(ready_url, self.proc, log)

    def rss_mb(self):
        return rss_mb(group_pids(self.proc.pid))

    def cpu_cap(self):
        return cpu_cap(self.proc.pid)

    def cpu_s(self):
        return cpu_s(group_pids(self.proc.pid))

    def stop(self):
        """SIGTERM to the group; the exit code, or None when it had to be killed after 30 s."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return None


class Service(Process):
    """The packaged service on one model, with its metrics, started as the JVM image starts it: deploy/run-jvm.sh
    on the layout bench/prepare-app.sh made in `app_dir` (AppCDS archive, pre-extracted ONNX Runtime libraries,
    the script's default collector and malloc settings), with heap HEAP."""

    def __init__(self, root, app_dir, port, models_dir, model, log, props=()):
        tmp = os.path.join(root, "bench", "work", "tmp")
        os.makedirs(tmp, exist_ok=True)
        args = [os.path.join(root, "deploy", "run-jvm.sh"), f"-Djava.io.tmpdir={tmp}", f"-Dquarkus.http.port={port}",
                f"-Dmixguard.models.dir={models_dir}", *(f"-D{p}" for p in props)]
        self.base = f"http://127.0.0.1:{port}"
        self.model = model
        super().__init__(args, log, self.base + "/q/health/ready",
                         env={**os.environ, "TMPDIR": tmp, "APP_DIR": app_dir, "JAVA_HEAP_OPTS": HEAP})

    def info(self):
        """GET /v1/models/{model}: spec, knobs, input geometry."""
        return json.loads(http_get(f"{self.base}/v1/models/{self.model}")[1])

    def metric(self, name):
        """The sum of a metric's samples for this model."""
        text = http_get(self.base + "/q/metrics")[1].decode()
        label = f'model="{self.model}"'
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith(name + "{") and label in line)

    def wait_idle(self, timeout_s=180):
        """Waits until nothing is queued and no run finished in the last 0.3 s."""
        deadline = time.monotonic() + timeout_s
        last = None
        while time.monotonic() < deadline:
            now = (self.metric("nv_inference_pending_request_count"), self.metric("nv_inference_exec_count"))
            if now[0] == 0 and now == last:
                return
            last = now
            time.sleep(0.3)
        raise RuntimeError(f"expected the service to go idle within {timeout_s} s, found it busy")


class Peer(Process):
    """The Node.js + onnxruntime-node peer: ../shared/peer from the repository root (outside it), or $PEER_DIR."""

    def __init__(self, root, port, model_file, name, knobs, log):
        peer_dir = os.environ.get("PEER_DIR", os.path.join(root, "..", "shared", "peer"))
        run = os.path.normpath(os.path.join(peer_dir, "run.sh"))
        feeds = [arg for knob in ("gamma_bias", "alpha_low", "alpha_high")
                 for arg in ("--feed", f"{knob}={knobs[knob]}")]
        args = [run, "--model", model_file, "--name", name, "--port", str(port), "--workers", str(os.cpu_count()),
                "--threads", "1", *feeds]
        self.base = f"http://127.0.0.1:{port}"
        super().__init__(args, log, self.base + "/v2/health/ready")
