#!/bin/sh
# The service's Square L-inf (eps 0.1, 5000 queries, p_init 0.8, fixed seed) through dev.mixguard.probe.Probe on
# the served ONNX Runtime session, over the first 500 images of models/fashion-mnist's probe set. Writes
# bench/results/probe-agreement.json: robust accuracy, per-image outcomes, and, when the pipeline has written
# models/pipeline/work/eval-adaptive.json, PyTorch's Square result on the same images and where the two disagree.
# Starts no HTTP load and builds only what the test classpath needs.
#   IMAGES=500 MODEL=fashion-mnist bench/probe-agreement.sh
set -eu
cd "$(dirname "$0")/.."
mkdir -p target/tmp
exec ./mvnw -q ${MVN_FLAGS:--o} test -Dtest=ProbeAgreementBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquarkus.http.test-port=0 -Dbench.images="${IMAGES:-500}" -Dbench.model="${MODEL:-fashion-mnist}"
