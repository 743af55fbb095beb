#!/bin/sh
# Square's forward passes per second through dev.mixguard.probe.Probe against raw ONNX Runtime images per second at
# the same batch size, on the served session, three alternating rounds. Writes bench/results/probe-throughput.json.
#   BATCH=64 STEPS=300 bench/probe-throughput.sh
set -eu
cd "$(dirname "$0")/.."
mkdir -p target/tmp
exec ./mvnw -q ${MVN_FLAGS:--o} test -Dtest=ProbeThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquarkus.http.test-port=0 -Dbench.batch="${BATCH:-64}" -Dbench.steps="${STEPS:-300}" \
  -Dbench.model="${MODEL:-fashion-mnist}"
