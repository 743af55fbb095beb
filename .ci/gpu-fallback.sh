#!/usr/bin/env bash
# GPU-profile proof, run by .ci/run: builds the service with -Pgpu (the 613 MiB onnxruntime_gpu jar, cached in
# ~/.m2 after the first download) into target-gpu/, starts it with providers tensorrt,cuda,cpu on this machine
# without CUDA, and checks that it comes up, reports both GPU providers as skipped with ONNX Runtime's reasons,
# runs on CPU, and classifies a sample. Needs java and /usr/bin/python3 (stdlib only).
set -euo pipefail
cd "$(dirname "$0")/.."

begin=$SECONDS
./mvnw -B -q -Pgpu package -Dmaven.test.skip=true
built=$SECONDS
jar=target-gpu/quarkus-app/quarkus-run.jar
if ! compgen -G 'target-gpu/quarkus-app/lib/main/com.microsoft.onnxruntime.onnxruntime_gpu-*.jar' >/dev/null; then
  echo "gpu-fallback: expected the onnxruntime_gpu jar in target-gpu/quarkus-app/lib/main, found none" >&2
  exit 1
fi

# ORT copies its 583 MB CUDA provider library into java.io.tmpdir and leaves files in TMPDIR: use a scratch dir.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mixguard-gpu.XXXXXX")
log=$scratch/service.log
TMPDIR=$scratch java -Xmx256m -Djava.io.tmpdir="$scratch" -Dquarkus.http.port=0 \
  -Dmixguard.inference.providers=tensorrt,cuda,cpu -jar "$jar" >"$log" 2>&1 &
pid=$!
stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap stop EXIT

# The service picks a free port (quarkus.http.port=0) and names it in its start-up line.
port=""
for _ in $(seq 1 300); do
  port=$(grep -o 'Listening on: http://[^ ]*:[0-9]*' "$log" | grep -o '[0-9]*$' | head -1 || true)
  [ -n "$port" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "gpu-fallback: the service exited before listening" >&2; exit 1; fi
  sleep 0.5
done
if [ -z "$port" ]; then cat "$log" >&2; echo "gpu-fallback: expected a listening port within 150 s, found none" >&2; exit 1; fi

/usr/bin/python3 - "$port" models/fashion-mnist/samples/0-ankle-boot.png <<'PY' || { cat "$log" >&2; exit 1; }
import json, sys, time, urllib.error, urllib.request

base = f"http://127.0.0.1:{sys.argv[1]}"

def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)

def check(ok, expected, found):
    if not ok:
        sys.exit(f"gpu-fallback: expected {expected}, found {found}")

deadline = time.monotonic() + 300
status, ready = get("/q/health/ready")
while status != 200 and time.monotonic() < deadline:
    time.sleep(0.5)
    status, ready = get("/q/health/ready")
check(status == 200, "/q/health/ready to answer 200 within 300 s", f"{status} {ready}")
data = next(c["data"] for c in ready["checks"] if c["name"] == "models")  # "Graceful Shutdown" has none
built = data.get("onnxruntime.built-with", "")
check("CUDA" in built and "TENSOR_RT" in built, "the GPU build of ONNX Runtime (CUDA, TENSOR_RT)", built)
check(data.get("fashion-mnist") == "ready on cpu", "fashion-mnist ready on cpu", data.get("fashion-mnist"))

status, model = get("/v1/models/fashion-mnist")
check(status == 200 and model["provider"] == "cpu", "provider cpu", f"{status} {model.get('provider')}")
skipped = model["skipped_providers"]
check([s["provider"] for s in skipped] == ["tensorrt", "cuda"], "tensorrt and cuda skipped, in that order",
      skipped)
check(all(s["reason"].strip() for s in skipped), "a reason for each skipped provider", skipped)

with open(sys.argv[2], "rb") as f:
    request = urllib.request.Request(base + "/v1/models/fashion-mnist/classify", data=f.read(),
                                     headers={"Content-Type": "image/png"})
with urllib.request.urlopen(request, timeout=30) as r:
    answer = json.load(r)
check(answer["provider"] == "cpu" and len(answer["predictions"]) == 1, "one prediction on cpu", answer)

for s in skipped:
    print(f"gpu-fallback: {s['provider']} skipped: {s['reason']}")
print(f"gpu-fallback: onnxruntime built with {built}; served on cpu; "
      f"classified as {answer['predictions'][0]['label']}")
PY
echo "gpu-fallback: passed (build $((built - begin)) s, start and checks $((SECONDS - built)) s)"
