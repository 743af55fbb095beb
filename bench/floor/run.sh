#!/usr/bin/env bash
# bench/floor/run.sh [STARTS]: the start-up floor on this machine. Builds an empty Quarkus app (Quarkus REST and
# SmallRye Health, one resource) and the same with the service's other extensions (Jackson, Micrometer Prometheus,
# Swagger UI), then starts each and the service with the README's command (`java -Xmx128m -jar`), alternating,
# STARTS times (default 3): launch to /q/health/ready answering 200, CPU by then, RSS 2 s later.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
starts=${1:-3}
work=$root/bench/work/floor
mkdir -p "$work" "${TMPDIR:-/tmp}"
for variant in minimal extensions; do
  if [ ! -f "$work/$variant/quarkus-run.jar" ]; then
    profile=(); [ $variant = extensions ] && profile=(-Pextensions)
    "$root/mvnw" -B -q -f "$here/pom.xml" "${profile[@]}" package -DskipTests >&2
    rm -rf "$work/$variant" && cp -r "$here/target/quarkus-app" "$work/$variant" && rm -rf "$here/target"
  fi
done
[ -f "$root/target/quarkus-app/quarkus-run.jar" ] || { echo "build the service first: ./mvnw package -DskipTests" >&2; exit 2; }

start() {  # JAR PORT: "ready_ms cpu_ms rss_mb"
  local t0 pid ready cpu rss
  t0=$(date +%s%N)
  java -Xmx128m -Dquarkus.http.port="$2" -jar "$1" > "$work/last.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$2/q/health/ready"; do
    kill -0 $pid 2>/dev/null || { echo "expected $1 to start, found it exited; see $work/last.log" >&2; exit 1; }
    sleep 0.01
  done
  ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$pid/stat)
  sleep 2
  rss=$(awk '/VmRSS/{print int($2 / 1024)}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ready $cpu $rss"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$starts"); do
  echo "minimal $(start "$work/minimal/quarkus-run.jar" 18601)"
  echo "extensions $(start "$work/extensions/quarkus-run.jar" 18602)"
  echo "service $(start "$root/target/quarkus-app/quarkus-run.jar" 18603)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
