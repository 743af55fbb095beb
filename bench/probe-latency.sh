#!/bin/sh
# Classify latency at moderate load with and without a running probe job, on the packaged service (CPU provider),
# ROUNDS alternating rounds. Needs target/quarkus-app (./mvnw package -DskipTests) and wrk (apt-get install wrk).
# After a 10 s warm-up, each round: wrk for DURATION with CONNS connections, each pausing DELAY_MS between requests; then the same while a
# probe job over the bundled probe set runs (its progress gives the probe's queries/s meanwhile). Raw wrk output and
# one summary line per run go to bench/results/probe-latency.txt.
#   ROUNDS=3 CONNS=4 DELAY_MS=5 DURATION=20s bench/probe-latency.sh
set -eu
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-4}
DURATION=${DURATION:-20s}
export DELAY_MS=${DELAY_MS:-5}
BASE=http://localhost:$PORT
JOBS=$BASE/v1/models/fashion-mnist/probe-jobs
OUT=bench/results/probe-latency.txt
mkdir -p bench/results target/tmp

java -Xmx256m -Djava.io.tmpdir=target/tmp -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar \
  > target/tmp/probe-latency-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null' EXIT INT TERM
i=0
until curl -sf "$BASE/q/health/ready" > /dev/null; do
  i=$((i + 1)); [ $i -lt 600 ] || { echo "service not ready after 60 s" >&2; exit 1; }; sleep 0.1
done

# field KEY...: the value at KEY... of the JSON object on stdin
field() { python3 -c 'import functools, json, sys; print(functools.reduce(lambda d, k: d[k], sys.argv[1:], json.load(sys.stdin)))' "$@"; }

run_wrk() { # $1: label
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/probe-latency.lua "$BASE/v1/models/fashion-mnist/classify" \
    > target/tmp/wrk.out
  { echo "### $1"; cat target/tmp/wrk.out; } >> "$OUT"
  awk -v label="$1" '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors = $NF }
    END { printf "%-28s rps %8s  p50 %8s  p99 %8s  non-2xx %s\n", label, rps, p50, p99, (errors == "" ? 0 : errors) }
  ' target/tmp/wrk.out | tee -a "$OUT.summary"
}

{ echo "# probe-latency $(date -u +%FT%TZ) conns=$CONNS delay_ms=$DELAY_MS duration=$DURATION"; \
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$OUT" > "$OUT.summary"
# warm-up (JIT, ONNX Runtime arenas, connection pools), not recorded
wrk -t2 -c"$CONNS" -d10s -s bench/probe-latency.lua "$BASE/v1/models/fashion-mnist/classify" > /dev/null
for round in $(seq 1 "$ROUNDS"); do
  run_wrk "round $round: no probe job"
  ID=$(curl -sf -X POST "$JOBS?first=1000&queries=19000" | field id)
  until [ "$(curl -sf "$JOBS/$ID" | field state)" = running ]; do sleep 0.1; done
  Q0=$(curl -sf "$JOBS/$ID" | field progress queries); T0=$(date +%s.%N)
  run_wrk "round $round: probe job running"
  Q1=$(curl -sf "$JOBS/$ID" | field progress queries); T1=$(date +%s.%N)
  STATE=$(curl -sf "$JOBS/$ID" | field state)
  echo "round $round: probe job $STATE at the end, $(python3 -c "print(round(($Q1 - $Q0) / ($T1 - $T0)))") queries/s meanwhile" \
    | tee -a "$OUT.summary"
  curl -sf -X DELETE "$JOBS/$ID" > /dev/null
  until [ "$(curl -sf "$JOBS/$ID" | field state)" != running ]; do sleep 0.1; done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT.summary"
cat "$OUT.summary" >> "$OUT"
rm -f "$OUT.summary"
