#!/usr/bin/env bash
# Lays out the packaged service as the JVM image does (deploy/Dockerfile.jvm): target/quarkus-app copied to DIR,
# ONNX Runtime's linux-x64 libraries extracted to DIR/ort-native, and an AppCDS archive DIR/app-cds.jsa written
# by deploy/appcds-train.sh, so that deploy/run-jvm.sh with APP_DIR=DIR starts it exactly as the image would.
# Used by bench/run.sh and bench/startup.sh. Needs ./mvnw package first and a free QUARKUS_HTTP_PORT (18090).
# Usage: bench/prepare-app.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
app=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "prepare-app: expected target/quarkus-app, run ./mvnw package first" >&2; exit 1; }
rm -rf "$app" && mkdir -p "$app"
cp -r target/quarkus-app/. "$app/"
ort_jar=$(ls "$PWD/$app"/lib/main/com.microsoft.onnxruntime.onnxruntime-*.jar)
(cd "$tmp" && jar xf "$ort_jar" ai/onnxruntime/native/linux-x64/)
mv "$tmp/ai/onnxruntime/native/linux-x64" "$app/ort-native"
QUARKUS_HTTP_PORT=${QUARKUS_HTTP_PORT:-18090} APP_DIR=$PWD/$app TMPDIR=$tmp \
  deploy/appcds-train.sh "$app/app-cds.jsa" models/fashion-mnist/samples/0-ankle-boot.png fashion-mnist \
  -Djava.io.tmpdir="$tmp" -Dmixguard.models.dir="$PWD/models" > "$app/appcds-train.log" 2>&1 \
  || { cat "$app/appcds-train.log" >&2; exit 1; }
echo "prepare-app: $app ready ($(tail -1 "$app/appcds-train.log"))"
