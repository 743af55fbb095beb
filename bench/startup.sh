#!/usr/bin/env bash
# JVM start-up to ready, with and without an AppCDS archive, on the JVM image's folder layout (deploy/):
# bench/prepare-app.sh lays it out in bench/work/startup/app with its archive, then this starts the service
# through deploy/run-jvm.sh RUNS times per variant (alternating, so background load hits both alike) and times each start until /q/health/ready
# answers 200. Writes bench/results/startup.md. Needs ./mvnw package first, curl, and a free port.
# Usage: bench/startup.sh [RUNS]   (default 5; QUARKUS_HTTP_PORT picks the port, default 18090)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export QUARKUS_HTTP_PORT=${QUARKUS_HTTP_PORT:-18090}
export JAVA_HEAP_OPTS=${JAVA_HEAP_OPTS:--Xms64m -Xmx192m}
work=bench/work/startup
app=$work/app
out=bench/results/startup.md

[ -f target/quarkus-app/quarkus-run.jar ] || { echo "startup: expected target/quarkus-app, run ./mvnw package first" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/tmp"
load_before=$(uptime)
bench/prepare-app.sh "$app" >&2
mv "$app/app-cds.jsa" "$app/app-cds.jsa.built"
export APP_DIR=$PWD/$app TMPDIR=$PWD/$work/tmp
jvm_args=(-Djava.io.tmpdir="$TMPDIR" -Dmixguard.models.dir="$PWD/models")

# ms from launch until the first HTTP answer and until /q/health/ready answers 200, and the CPU ms the JVM had
# used by then (user + system, from /proc: less sensitive to other load than wall time); "live ready cpu"
one_start() {
    local begin live="" now code
    begin=$(date +%s%N)
    deploy/run-jvm.sh "${jvm_args[@]}" > "$work/run.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 3000); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$QUARKUS_HTTP_PORT/q/health/ready" || true)
        now=$(date +%s%N)
        if [ -z "$live" ] && [ "$code" != 000 ]; then live=$(( (now - begin) / 1000000 )); fi
        if [ "$code" = 200 ]; then break; fi
        sleep 0.02
    done
    [ "$code" = 200 ] || { cat "$work/run.log" >&2; echo "startup: expected ready within 60 s, found $code" >&2; exit 1; }
    local ticks
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    echo "$live $(( (now - begin) / 1000000 )) $(( ticks * 1000 / $(getconf CLK_TCK) ))"
    kill -TERM "$pid"; wait "$pid" || true
}

declare -a without with
for i in $(seq 1 "$runs"); do
    rm -f "$app/app-cds.jsa"
    without+=("$(one_start)")
    cp "$app/app-cds.jsa.built" "$app/app-cds.jsa"
    with+=("$(one_start)")
    echo "run $i: without ${without[-1]}, with ${with[-1]}" >&2
done
load_after=$(uptime)

# median and range of column $1 (1: live, 2: ready, 3: cpu) over the given "live ready cpu" triples
stats() {
    local col=$1; shift
    printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -n | awk '{v[NR]=$1} END {
        m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
        printf "%d ms (min %d, max %d, spread %d)", m, v[1], v[NR], v[NR]-v[1] }'
}

# one table row: row VARIANT "live ready cpu"...
row() {
    local variant=$1; shift
    echo "| $variant AppCDS | $# | $(stats 2 "$@") | $(stats 3 "$@") | $(stats 1 "$@" | cut -d' ' -f1-2) |"
}

{
    echo "# JVM start-up to ready, with and without AppCDS"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/startup.sh $runs\` after \`./mvnw package -DskipTests\`,"
    echo "on $(nproc) cores, $(java -version 2>&1 | head -1), heap \`$JAVA_HEAP_OPTS\`, the bundled fashion-mnist"
    echo "model on CPU, through \`deploy/run-jvm.sh\` on the JVM image's layout (ONNX Runtime libraries pre-extracted,"
    echo "\`-Donnxruntime.native.path\`). The archive ($(( $(wc -c < "$app/app-cds.jsa.built") / 1048576 )) MiB) was written by \`deploy/appcds-train.sh\`."
    echo "Each time runs from launching the JVM until \`/q/health/ready\` answers 200 (\"ready\"), or until the"
    echo "first HTTP answer of any status (\"HTTP up\"), polled every 20 ms with curl. Runs alternate between the"
    echo "variants."
    echo
    echo "Machine load (\`uptime\`; a training job and other builds share the 2 cores):"
    echo
    echo "- before: \`${load_before# }\`"
    echo "- after: \`${load_after# }\`"
    echo
    echo "| variant | runs | wall to ready: median (min, max, spread) | JVM CPU time to ready: median (min, max, spread) | wall to HTTP up: median |"
    echo "|---|---|---|---|---|"
    row without "${without[@]}"
    row with "${with[@]}"
    echo
    echo "Raw \"HTTP up, ready, CPU\" in ms, in run order: without ${without[*]// /,}; with ${with[*]// /,}."
    echo
    echo "HTTP up equals ready when the models finish loading within \`mixguard.models.startup-wait\` (10 s) of"
    echo "being checked: the HTTP server opens only then."
} > "$out"
cat "$out"
