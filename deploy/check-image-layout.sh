#!/usr/bin/env bash
# The JVM image's layout, started as its non-root user without a container engine. bench/prepare-app.sh lays it
# out as deploy/Dockerfile.jvm does and runs the image's AppCDS training step as root (as `docker build` does,
# before USER 1001), with a folder that stands in for the image's /tmp. Then the service starts from that layout
# as UID 1001 and group 0 (what Docker's `USER 1001` and Kubernetes' `runAsUser: 1001` give), with the same /tmp
# and the image's environment, and must answer 200 to a multipart request and to a raw PNG. A training step that
# leaves root-owned files there (a root-owned /tmp/uploads made every multipart request of UID 1001 answer 500)
# fails it. Run by .ci/run; needs root (for setpriv), ./mvnw package first, curl, and free ports 18090 (the
# training run; QUARKUS_HTTP_PORT) and LAYOUT_PORT (default 18091).
# Usage: deploy/check-image-layout.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=${LAYOUT_PORT:-18091}
sample=models/fashion-mnist/samples/0-ankle-boot.png
[ "$(id -u)" = 0 ] || { echo "check-image-layout: expected to run as root (to start the service as UID 1001), found UID $(id -u)" >&2; exit 1; }

# Under /tmp, not under a private TMPDIR: UID 1001 must be able to reach every folder above the layout.
work=$(mktemp -d /tmp/mixguard-layout.XXXXXX)
chmod 0755 "$work"
install -d -m 1777 "$work/tmp"
pid=""
stop() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

APP_TMPDIR=$work/tmp bench/prepare-app.sh "$work/deployments"
echo "check-image-layout: after the training run as root, the image's /tmp holds: [$(ls -A "$work/tmp" | tr "\n" " ")]"

log=$work/service.log
# The image's ENV (Dockerfile.jvm), with $work/tmp as /tmp; group 0 and no supplementary groups, as in the image.
setpriv --reuid=1001 --regid=0 --clear-groups -- env -i PATH="$PATH" LANG=C.UTF-8 TMPDIR="$work/tmp" \
  APP_DIR="$work/deployments" MIXGUARD_MODELS_DIR="$work/deployments/models" JAVA_HEAP_OPTS="-Xms64m -Xmx192m" \
  "$work/deployments/bin/run-jvm.sh" -Djava.io.tmpdir="$work/tmp" -Dquarkus.http.port="$port" > "$log" 2>&1 &
pid=$!

base=http://127.0.0.1:$port
ready=""
for _ in $(seq 1 120); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/q/health/ready")" = 200 ]; then ready=yes; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "check-image-layout: the service exited before it was ready" >&2; exit 1; fi
  sleep 1
done
if [ -z "$ready" ]; then
  cat "$log" >&2
  echo "check-image-layout: expected /q/health/ready to answer 200 within 120 s as UID 1001, found no ready service" >&2
  exit 1
fi
owner=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
[ "$owner" = 1001 ] || { echo "check-image-layout: expected the service to run as UID 1001, found $owner" >&2; exit 1; }

failed=0
# classify NAME CURL_ARGS...: one request; prints its status and answer, and counts anything but 200 as a failure
classify() {
  local name=$1 status
  shift
  status=$(curl -s -o "$work/answer.json" -w '%{http_code}' "$@" "$base/v1/models/fashion-mnist/classify")
  echo "check-image-layout: $name as UID 1001 answered $status: $(head -c 300 "$work/answer.json")"
  if [ "$status" != 200 ]; then failed=1; fi
}
classify multipart -F "image=@$sample;type=image/png"
classify "raw PNG" -H 'Content-Type: image/png' --data-binary "@$sample"
if [ "$failed" != 0 ]; then
  cat "$log" >&2
  echo "check-image-layout: FAILED: expected 200 from both body forms as UID 1001; /tmp after the training run as root:" >&2
  ls -la "$work/tmp" >&2
  exit 1
fi
echo "check-image-layout: passed (the training run as root left the image's /tmp usable by UID 1001)"
