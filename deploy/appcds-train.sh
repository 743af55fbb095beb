#!/bin/bash
# AppCDS training run, used at image build time: starts the service through run-jvm.sh (so the class path is
# the one used at run time) with -XX:ArchiveClassesAtExit, waits until /q/health/ready answers 200, classifies
# one sample image as a PNG body and as multipart so the request paths' classes are loaded too, then stops the JVM cleanly; the JVM writes
# the archive as it exits. Needs only bash (no curl in JRE images): HTTP goes through /dev/tcp.
# The image runs this as root before USER 1001, so it must leave nothing behind in ${TMPDIR:-/tmp}: a root-owned
# /tmp/uploads (Quarkus' multipart folder) would make every multipart request of UID 1001 fail with 500. The
# training JVM gets a private TMPDIR and java.io.tmpdir, removed on exit, and no hsperfdata (-XX:-UsePerfData,
# whose folder is always under /tmp); the script fails if the temp folder gained an entry all the same.
# Usage: appcds-train.sh ARCHIVE SAMPLE_PNG MODEL_NAME [JVM options...]
set -euo pipefail
archive=$1 sample=$2 model=$3
shift 3
port=${QUARKUS_HTTP_PORT:-8080}  # Quarkus reads the same variable
tmp_root=${TMPDIR:-/tmp}
tmp_before=$(ls -A "$tmp_root")
scratch=$(mktemp -d "$tmp_root/appcds-train.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# http METHOD PATH [BODY_FILE [CONTENT_TYPE]]: prints the status code of one HTTP/1.1 request to the local service
http() {
    local length=0
    if [[ $# -ge 3 ]]; then length=$(wc -c < "$3"); fi
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf '%s %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' \
        "$1" "$2" "${4:-image/png}" "$length" >&3
    if [[ $# -ge 3 ]]; then cat "$3" >&3; fi
    local status
    read -r _ status _ <&3 || status=000
    cat <&3 > /dev/null || true
    exec 3>&-
    echo "$status"
}

# multipart_body FILE: writes to stdout a multipart/form-data body with FILE as the one part "image"
multipart_body() {
    printf -- '--mixguard-train\r\nContent-Disposition: form-data; name="image"; filename="sample.png"\r\n'
    printf 'Content-Type: image/png\r\n\r\n'
    cat "$1"
    printf -- '\r\n--mixguard-train--\r\n'
}

TMPDIR=$scratch "$(dirname "$0")/run-jvm.sh" "-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=error -XX:-UsePerfData \
    "$@" "-Djava.io.tmpdir=$scratch" &
pid=$!
ready=""
for _ in $(seq 1 180); do
    if [[ "$(http GET /q/health/ready 2>/dev/null)" == 200 ]]; then ready=yes; break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "appcds-train: the service exited before it was ready" >&2; exit 1; fi
    sleep 1
done
if [[ -z "$ready" ]]; then
    kill -TERM "$pid"; wait "$pid" || true
    echo "appcds-train: expected /q/health/ready to answer 200 within 180 s, found no ready service" >&2
    exit 1
fi
# both body forms, so that the multipart path's classes are in the archive too
multipart_body "$sample" > "$scratch/multipart.body"
status=$(http POST "/v1/models/$model/classify" "$sample")
if [[ "$status" != 200 ]]; then echo "appcds-train: classify answered $status (continuing)" >&2; fi
status=$(http POST "/v1/models/$model/classify" "$scratch/multipart.body" 'multipart/form-data; boundary=mixguard-train')
if [[ "$status" != 200 ]]; then echo "appcds-train: multipart classify answered $status (continuing)" >&2; fi
kill -TERM "$pid"
wait "$pid" || true
if [[ ! -s "$archive" ]]; then echo "appcds-train: expected an archive at $archive, found none" >&2; exit 1; fi
rm -rf "$scratch"
if [[ "$(ls -A "$tmp_root")" != "$tmp_before" ]]; then
    echo "appcds-train: expected $tmp_root as before the training run, found new entries:" \
        "$(comm -13 <(echo "$tmp_before") <(ls -A "$tmp_root") | tr '\n' ' ')" >&2
    exit 1
fi
echo "appcds-train: wrote $archive ($(wc -c < "$archive") bytes)"
