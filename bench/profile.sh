#!/usr/bin/env bash
# Profiles the packaged service under load with JDK Flight Recorder (CPU samples and allocation samples) and
# writes what a flame graph of it shows as Markdown: bench/results/profile-<LABEL>.md, with the collapsed stacks
# (flamegraph.pl's input) in bench/work/profile/<LABEL>.collapsed and the recording next to them.
# The service starts with the README's command (java -Xmx128m -jar target/quarkus-app/quarkus-run.jar), then wrk
# warms it up for WARM seconds (default 20) and JFR (settings=profile) records DURATION (default 20) more of the
# same load. Needs ./mvnw package (with the test classes: dev.mixguard.bench.JfrTop), wrk, jcmd.
# Usage: bench/profile.sh [LABEL] [SCENARIO]   SCENARIO: v2-json (default) or v1-png; environment: PORT (18095),
#   CONNECTIONS (64), WARM, DURATION, APP (target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:-v2-json}
scenario=${2:-v2-json}
port=${PORT:-18095}
app=${APP:-target/quarkus-app}
work=bench/work/profile
out=bench/results/profile-$label.md
mkdir -p "$work/tmp"
[ -f "$app/quarkus-run.jar" ] && [ -f target/test-classes/dev/mixguard/bench/JfrTop.class ] \
    || { echo "profile: expected $app and target/test-classes, run ./mvnw package first" >&2; exit 1; }
PYTHONPATH=bench /usr/bin/python3 -c "from mgbench import bodies; bodies.write('$work/bodies', 1, 28, 28, 'image')"
case $scenario in
    v2-json) path=/v2/models/fashion-mnist/infer body=$work/bodies/v2.json ctype=application/json ;;
    v1-png) path=/v1/models/fashion-mnist/classify body=$work/bodies/one.png ctype=image/png ;;
    *) echo "profile: expected scenario v2-json or v1-png, found $scenario" >&2; exit 1 ;;
esac
export TMPDIR=$PWD/$work/tmp
java -Xmx128m -Djava.io.tmpdir="$TMPDIR" -Dquarkus.http.port="$port" -jar "$app/quarkus-run.jar" \
    > "$work/$label.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "localhost:$port/q/health/ready" >/dev/null && break; sleep 0.05; done
curl -sf "localhost:$port/q/health/ready" >/dev/null || { cat "$work/$label.log" >&2; exit 1; }

load() {
    BODY=$body CTYPE=$ctype wrk -t2 -c"${CONNECTIONS:-64}" -d"$1"s -s bench/wrk-post.lua "http://127.0.0.1:$port$path" \
        | grep '^JSON' | sed 's/^JSON //'
}
load "${WARM:-20}" > /dev/null
load_before=$(uptime)
jcmd "$pid" JFR.start name=bench settings=profile > /dev/null
summary=$(load "${DURATION:-20}")
jcmd "$pid" JFR.dump name=bench filename="$PWD/$work/$label.jfr" > /dev/null
load_after=$(uptime)
{
    echo "# Profile: $scenario at ${CONNECTIONS:-64} connections ($label)"
    echo
    echo "Made by \`bench/profile.sh $label $scenario\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit"
    echo "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' with uncommitted changes'),"
    echo "$(nproc) CPUs: the README's command, wrk warming up for ${WARM:-20} s, then JFR (\`settings=profile\`) over"
    echo "${DURATION:-20} s more of the same load. wrk during the recording: \`$summary\`."
    echo "Load before: \`${load_before# }\`; after: \`${load_after# }\` (the machine is shared)."
    echo
    java -cp target/test-classes dev.mixguard.bench.JfrTop "$work/$label.jfr" "$work/$label.collapsed"
} > "$out"
echo "profile: wrote $out" >&2
