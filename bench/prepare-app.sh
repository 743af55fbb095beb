#!/usr/bin/env bash
# Lays out the packaged service as the JVM image does (deploy/Dockerfile.jvm): target/quarkus-app copied to DIR,
# ONNX Runtime's linux-x64 libraries extracted to DIR/ort-native, run-jvm.sh and appcds-train.sh in DIR/bin, the
# bundled model in DIR/models/fashion-mnist, and then the image's AppCDS training step (DIR/bin/appcds-train.sh,
# with the image's models folder) writes DIR/app-cds.jsa, so that run-jvm.sh with APP_DIR=DIR starts it exactly as
# the image would. Used by bench/run.sh, bench/startup.sh and deploy/check-image-layout.sh. Needs ./mvnw package
# first and a free QUARKUS_HTTP_PORT (18090).
# APP_TMPDIR: the folder the training step takes as the image's /tmp (its TMPDIR and java.io.tmpdir), kept
# afterwards; without it, a throw-away folder.
# Usage: bench/prepare-app.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "prepare-app: expected target/quarkus-app, run ./mvnw package first" >&2; exit 1; }
rm -rf "$1" && mkdir -p "$1"
app=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
train_tmp=${APP_TMPDIR:-$tmp}
cp -r target/quarkus-app/. "$app/"
mkdir -p "$app/bin" "$app/models"
cp deploy/run-jvm.sh deploy/appcds-train.sh "$app/bin/"
cp -r models/fashion-mnist "$app/models/"
ort_jar=$(ls "$app"/lib/main/com.microsoft.onnxruntime.onnxruntime-*.jar)
(cd "$tmp" && jar xf "$ort_jar" ai/onnxruntime/native/linux-x64/)
mv "$tmp/ai/onnxruntime/native/linux-x64" "$app/ort-native"
QUARKUS_HTTP_PORT=${QUARKUS_HTTP_PORT:-18090} APP_DIR=$app TMPDIR=$train_tmp MIXGUARD_MODELS_DIR=$app/models \
  "$app/bin/appcds-train.sh" "$app/app-cds.jsa" "$app/models/fashion-mnist/samples/0-ankle-boot.png" fashion-mnist \
  -Djava.io.tmpdir="$train_tmp" > "$app/appcds-train.log" 2>&1 \
  || { cat "$app/appcds-train.log" >&2; exit 1; }
echo "prepare-app: $app ready ($(tail -1 "$app/appcds-train.log"))"
