#!/usr/bin/env bash
# The benchmark, one command: bench/run.sh [fashion-mnist|bench-cifar|all]   (default: all; see bench/README.md)
# Builds only when the sources are newer than the last build, installs wrk and h2load when missing, then measures
# the packaged service, the service with batching off, the Node.js peer (../shared/peer) and in-process ORT.
set -euo pipefail
cd "$(dirname "$0")/.."

install() {
  command -v "$1" >/dev/null && return
  echo "installing $2 (Debian)" >&2
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
}
install wrk wrk
install h2load nghttp2-client

stamp=bench/work/.built
if [ ! -f "$stamp" ] || [ ! -f target/quarkus-app/quarkus-run.jar ] \
    || [ ! -f target/test-classes/dev/mixguard/bench/OrtLoop.class ] \
    || [ -n "$(find pom.xml src/main src/test/java/dev/mixguard/bench -newer "$stamp" -print -quit)" ]; then
  echo "building (./mvnw -q package -DskipTests)" >&2
  ./mvnw -q package -DskipTests
  rm -rf bench/work/app
  mkdir -p bench/work && touch "$stamp"
fi
[ -f bench/work/app/app-cds.jsa ] || bench/prepare-app.sh bench/work/app
PYTHONPATH=bench exec /usr/bin/python3 -m mgbench "${1:-all}"
