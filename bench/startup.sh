#!/usr/bin/env bash
# Start-up to ready and idle memory of the packaged service, RUNS starts per variant, alternating so that background
# load hits every variant alike. Variants:
#   readme   the README's command from the repository root: java -Xmx128m -jar target/quarkus-app/quarkus-run.jar
#   image    the JVM image's launcher, deploy/run-jvm.sh with JAVA_HEAP_OPTS=-Xmx128m, on the layout
#            bench/prepare-app.sh makes (ONNX Runtime's libraries pre-extracted, its AppCDS archive)
#   nocds    the same without the AppCDS archive
# Each start is timed from launch until /q/health/ready answers 200 (polled every 10 ms), with the CPU time the JVM
# had used by then (user + system, from /proc: less sensitive to other load than wall time) and its RSS 2 s after
# ready. One untimed start of each variant comes first (it lets the README's command keep its copy of ONNX
# Runtime's libraries, see README). Writes bench/results/startup.md. Needs ./mvnw package first, curl.
# Usage: bench/startup.sh [RUNS]   (default 5; VARIANTS="readme image nocds" picks them, PORT the port, 18090)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
variants=(${VARIANTS:-readme image nocds})
port=${PORT:-18090}
work=bench/work/startup
app=$work/app
out=bench/results/startup.md

[ -f target/quarkus-app/quarkus-run.jar ] || { echo "startup: expected target/quarkus-app, run ./mvnw package first" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/tmp"
export TMPDIR=$PWD/$work/tmp
load_before=$(uptime)
QUARKUS_HTTP_PORT=$port bench/prepare-app.sh "$app" >&2
mv "$app/app-cds.jsa" "$app/app-cds.jsa.built"

launch() {
    case $1 in
        readme) exec java -Xmx128m -Djava.io.tmpdir="$TMPDIR" -Dquarkus.http.port="$port" \
                    -jar target/quarkus-app/quarkus-run.jar ;;
        image|nocds) rm -f "$app/app-cds.jsa"
                     [ "$1" = nocds ] || cp "$app/app-cds.jsa.built" "$app/app-cds.jsa"
                     APP_DIR=$PWD/$app JAVA_HEAP_OPTS=-Xmx128m exec deploy/run-jvm.sh -Djava.io.tmpdir="$TMPDIR" \
                         -Dquarkus.http.port="$port" -Dmixguard.models.dir="$PWD/$app/models" ;;
        *) echo "startup: expected variants among readme, image, nocds, found $1" >&2; exit 1 ;;
    esac
}

# "ready_ms cpu_ms rss_mb" of one start of variant $1 (launch runs in the background subshell and execs the JVM, so
# $! is the JVM's pid)
one_start() {
    local begin now code pid ticks rss
    begin=$(date +%s%N)
    launch "$1" > "$work/run.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 6000); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/q/health/ready" || true)
        [ "$code" = 200 ] && break
        sleep 0.01
    done
    now=$(date +%s%N)
    [ "$code" = 200 ] || { cat "$work/run.log" >&2; echo "startup: expected ready within 60 s, found $code" >&2; exit 1; }
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 2
    rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
    kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
    echo "$(( (now - begin) / 1000000 )) $(( ticks * 1000 / $(getconf CLK_TCK) )) $rss"
}

declare -A results
for variant in "${variants[@]}"; do one_start "$variant" > /dev/null; done
for i in $(seq 1 "$runs"); do
    for variant in "${variants[@]}"; do
        r=$(one_start "$variant")
        results[$variant]+="$r,"
        echo "run $i $variant: ready ms, CPU ms, RSS MB: $r" >&2
    done
done
load_after=$(uptime)

# median (min-max, spread) of column $1 of the "ready cpu rss," triples in $2
stats() {
    tr ',' '\n' <<< "$2" | awk -v c="$1" 'NF {print $c}' | sort -n | awk '{v[NR]=$1} END {
        m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
        printf "%d (%d-%d, spread %d)", m, v[1], v[NR], v[NR]-v[1] }'
}

{
    echo "# Start-up to ready and idle RSS"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/startup.sh $runs\` (commit $(git rev-parse --short HEAD)),"
    echo "on $(nproc) cores, $(java -version 2>&1 | head -1), the bundled fashion-mnist model on CPU, heap \`-Xmx128m\`."
    echo "Variants: **readme** is the README's command (\`java -Xmx128m -jar target/quarkus-app/quarkus-run.jar\`);"
    echo "**image** the JVM image's launcher \`deploy/run-jvm.sh\` on the layout of \`bench/prepare-app.sh\` (ONNX"
    echo "Runtime's libraries pre-extracted, AppCDS archive of $(( $(wc -c < "$app/app-cds.jsa.built") / 1048576 )) MiB from \`deploy/appcds-train.sh\`, Serial GC);"
    echo "**nocds** the same without the archive. Ready: launch until \`/q/health/ready\` answers 200 (polled every"
    echo "10 ms); CPU: user + system time of the JVM by then; RSS: 2 s after ready. One untimed start of each"
    echo "variant first; then the variants alternate, $runs starts each."
    echo
    echo "Machine load (\`uptime\`; other engineers' builds and a Python job share the 2 cores):"
    echo
    echo "- before: \`${load_before# }\`"
    echo "- after: \`${load_after# }\`"
    echo
    echo "| variant | ready ms: median (min-max, spread) | CPU ms to ready | idle RSS MB |"
    echo "|---|---|---|---|"
    for variant in "${variants[@]}"; do
        echo "| $variant | $(stats 1 "${results[$variant]}") | $(stats 2 "${results[$variant]}") | $(stats 3 "${results[$variant]}") |"
    done
    echo
    echo "Raw \"ready CPU RSS\" per start, in run order:"
    for variant in "${variants[@]}"; do echo "- $variant: ${results[$variant]%,}"; done
} > "$out"
cat "$out"
