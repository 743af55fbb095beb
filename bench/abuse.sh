#!/usr/bin/env bash
# Replays issue 13's hostile-client floods against a running MixGuard and prints what held.
#
#   bench/abuse.sh [URL]              # default URL http://localhost:8080
#
# Environment:
#   PID=<pid>        the service's process id: adds file-descriptor and heap checks (jcmd on PATH), and SIGTERM
#   REQUESTS=10000   requests in the multipart flood (D1)
#   CLIENTS=8        concurrent clients of the flood
#   SHUTDOWN=1       finally SIGTERM the service (needs PID) and check the drain: readiness DOWN at once, served
#                    during the drain delay, then 503 JSON with Retry-After, a probe in flight answered (200 if it
#                    finished in time, else the 503 JSON of mixguard.probe.shutdown-margin), and the process exits
#   DRAIN_DELAY=5    the service's quarkus.shutdown.delay in seconds (for SHUTDOWN=1)
#   MODEL=fashion-mnist
#
# Start the service as the issue did, e.g.
#   java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar target/quarkus-app/quarkus-run.jar &
#   PID=$! bench/abuse.sh
# Each line says HELD or FAILED with the numbers behind it; the exit status is the number of FAILED lines.
# Needs curl (7.66+ for --parallel), python3 and, with PID, jcmd.
set -u
URL=${1:-http://localhost:8080}
MODEL=${MODEL:-fashion-mnist}
REQUESTS=${REQUESTS:-10000}
CLIENTS=${CLIENTS:-8}
PID=${PID:-}
CLASSIFY="$URL/v1/models/$MODEL/classify"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failed=0

held() { printf 'HELD    %s\n' "$*"; }
fail() { printf 'FAILED  %s\n' "$*"; failed=$((failed + 1)); }
check() { # name expected-status actual-status [body]
    if [ "$2" = "$3" ]; then held "$1: $3 ${4:-}"; else fail "$1: expected $2, found $3 ${4:-}"; fi
}
# open sockets of the service (its other descriptors are jars the class loader opens and closes as it goes)
fds() { find "/proc/$PID/fd" -lname 'socket:*' 2>/dev/null | wc -l; }
heap() { jcmd "$PID" GC.class_histogram | awk '/^Total/ {print $3}'; }
multipart() { # file -> status and body of a multipart POST to $2
    curl -s -m 10 -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: multipart/form-data; boundary=B0UND' \
        --data-binary @"$1" "$2"
}

python3 - "$WORK" <<'EOF'
import sys
w, b = sys.argv[1], 'B0UND'
part = lambda headers, body: f'--{b}\r\n{headers}\r\n\r\n{body}\r\n'
end = f'--{b}--\r\n'
bodies = {
    'parts3000': part('Content-Disposition: form-data; name="x"', 'x') * 3000 + end,
    'bigfield': part('Content-Disposition: form-data; name="image"', 'x' * 5000) + end,
    'nodisposition': part('Content-Type: image/png', 'xx') + end,
    'cutshort': f'--{b}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n'
                f'Content-Type: image/png\r\n\r\n' + 'x' * 100,
}
for name, text in bodies.items():
    open(f'{w}/{name}.bin', 'w').write(text)
EOF

echo "== MixGuard abuse run against $URL (model $MODEL)"
curl -sf -m 5 -o /dev/null "$URL/q/health/ready" || { echo "not ready: $URL/q/health/ready"; exit 1; }

echo "== D1: $REQUESTS multipart bodies the parser gives up on, $CLIENTS clients at once"
seq 1 200 | sed "s|.*|url = \"$CLASSIFY\"|" > "$WORK/warm.cfg"
curl -s --parallel --parallel-max "$CLIENTS" -K "$WORK/warm.cfg" -o /dev/null -H \
    'Content-Type: multipart/form-data; boundary=B0UND' --data-binary @"$WORK/parts3000.bin" >/dev/null 2>&1
if [ -n "$PID" ]; then
    heap_before=$(heap)    # first: jcmd's attach listener opens a socket of its own, kept from then on
    fds_before=$(fds)
    echo "   baseline after 200 warm-up requests: $fds_before open sockets ($(ls "/proc/$PID/fd" | wc -l) descriptors)," \
        "$heap_before bytes live on the heap"
fi
( while [ ! -f "$WORK/flood.done" ]; do
      curl -s -m 5 -o /dev/null -w '%{http_code} %{time_total}\n' "$URL/q/health/live" || echo "000 5"
      sleep 0.2
  done > "$WORK/live.txt" ) &
poller=$!
start=$(date +%s.%N)
curl -s --parallel --parallel-max "$CLIENTS" -o /dev/null -w '%{http_code}\n' \
    -H 'Content-Type: multipart/form-data; boundary=B0UND' --data-binary @"$WORK/parts3000.bin" \
    "$CLASSIFY?n=[1-$REQUESTS]" 2>/dev/null | sort | uniq -c > "$WORK/flood.txt"
end=$(date +%s.%N)
touch "$WORK/flood.done"
wait "$poller"
echo "   statuses: $(tr -s ' \n' ' ' < "$WORK/flood.txt")in $(python3 -c "print(round($end - $start, 1))") s"
answered=$(awk '$2 == 413 {print $1}' "$WORK/flood.txt")
check "every flood request answered 413" "$REQUESTS" "${answered:-0}"
read -r checks slowest down < <(awk '{n++; if ($2 > m) m = $2; if ($1 != 200) d++} END {print n, m, d + 0}' \
    "$WORK/live.txt")
if [ "$down" = 0 ] && python3 -c "import sys; sys.exit(0 if $slowest < 1 else 1)"; then
    held "liveness answered all $checks checks during the flood, slowest in ${slowest} s"
else
    fail "liveness during the flood: $down of $checks checks failed, slowest ${slowest} s"
fi
if [ -n "$PID" ]; then
    back=""
    for i in $(seq 1 50); do
        if [ "$(fds)" -le "$fds_before" ]; then back=$(python3 -c "print($i * 0.2)"); break; fi
        sleep 0.2
    done
    if [ -n "$back" ]; then held "open sockets back to $fds_before within $back s"
    else fail "open sockets: expected $fds_before within 10 s, found $(fds)"; fi
    heap_after=$(heap)
    ratio=$(python3 -c "print(round($heap_after / $heap_before, 3))")
    if python3 -c "import sys; sys.exit(0 if $heap_after <= 1.1 * $heap_before else 1)"; then
        held "heap after a full GC: $heap_before -> $heap_after bytes (x$ratio, within 10%)"
    else
        fail "heap after a full GC: $heap_before -> $heap_after bytes (x$ratio, over 10%)"
    fi
fi

echo "== D1/D4: each kind of multipart failure"
check "3000 parts on probe" 413 "$(multipart "$WORK/parts3000.bin" "$URL/v1/models/$MODEL/probe")" \
    "$(cat "$WORK/body")"
check "a 5000-byte form field" 413 "$(multipart "$WORK/bigfield.bin" "$CLASSIFY")" "$(cat "$WORK/body")"
check "a part without Content-Disposition" 400 "$(multipart "$WORK/nodisposition.bin" "$CLASSIFY")" \
    "$(cat "$WORK/body")"
check "a body cut before its closing boundary" 400 "$(multipart "$WORK/cutshort.bin" "$CLASSIFY")" \
    "$(cat "$WORK/body")"

echo "== D4: malformed query numbers"
png="$(dirname "$0")/../models/$MODEL/samples/0-ankle-boot.png"
for k in abc 1.5 2147483648; do
    status=$(curl -s -m 10 -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: image/png' --data-binary @"$png" \
        "$CLASSIFY?top_k=$k")
    check "top_k=$k" 400 "$status" "$(cat "$WORK/body")"
done

echo "== D5/D6: error bodies"
status=$(curl -s -m 10 -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"images": 5}' "$CLASSIFY")
if [ "$status" = 400 ] && ! grep -q 'dev\.mixguard\|java\.' "$WORK/body"; then
    held "a JSON type error names no Java type: $(cat "$WORK/body")"
else
    fail "a JSON type error: $status $(cat "$WORK/body")"
fi
head -c 11000000 /dev/zero > "$WORK/big"
status=$(curl -s -m 30 -o "$WORK/body" -w '%{http_code}' -H 'Transfer-Encoding: chunked' \
    -H 'Content-Type: image/png' --data-binary @"$WORK/big" "$CLASSIFY")
if [ "$status" = 413 ] && grep -q 'max-body-size' "$WORK/body"; then
    held "an 11 MB chunked image: 413 $(cat "$WORK/body")"
else
    fail "an 11 MB chunked image: $status $(cat "$WORK/body")"
fi
headers=$(curl -s -m 10 -D - -o /dev/null -X POST -H 'Host: attacker.example' \
    "$URL/v1/models/$MODEL/probe-jobs?first=1&queries=1")
location=$(printf '%s' "$headers" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
if [ -n "$location" ] && ! printf '%s' "$location" | grep -q attacker; then
    held "a new job's Location does not echo the Host header: $location"
    curl -s -m 10 -o /dev/null -X DELETE "$URL$location"
else
    fail "a new job's Location: '$location' (probe disabled or protected? $(printf '%s' "$headers" | head -1))"
fi

echo "== D3: a probe job's JSON body is honoured"
job=$(curl -s -m 10 -H 'Content-Type: application/json' -d '{"first": 1, "queries": 3}' \
    "$URL/v1/models/$MODEL/probe-jobs")
if printf '%s' "$job" | grep -q '"first 1"\|first 1"' && printf '%s' "$job" | grep -q '"queries":3'; then
    held "JSON {\"first\": 1, \"queries\": 3} started a 1-image, 3-query job"
else
    fail "JSON job body: $job"
fi

echo "== D7: a body that stops arriving"
port=$(python3 -c "import urllib.parse as u; p = u.urlparse('$URL'); print(p.port or 80)")
host=$(python3 -c "import urllib.parse as u; print(u.urlparse('$URL').hostname)")
answer=$(python3 - "$host" "$port" "/v1/models/$MODEL/classify" <<'EOF'
import socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
s.sendall(f'POST {sys.argv[3]} HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n'
          '0123456789'.encode())
start = time.time()
s.settimeout(120)
data = b''
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
print(f'{data.split(b" ")[1].decode() if data else "closed"} after {time.time() - start:.1f} s')
EOF
)
case "$answer" in
    408*) held "a stalled body got $answer (mixguard.http.body-timeout)" ;;
    *) fail "a stalled body: $answer" ;;
esac

echo "== D7: headers trickled on a new connection (slowloris)"
answer=$(python3 - "$host" "$port" <<'EOF'
import select, socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
start = time.time()
s.sendall(b'GET /q/health/live HTTP/1.1\r\nHost: x\r\n')
data = b''
while time.time() - start < 120:
    if select.select([s], [], [], 0.5)[0]:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
        continue
    try:
        s.sendall(b'X-Slow: 1\r\n')
    except OSError:
        break
print(f'{data.split(b" ")[1].decode() if data else "closed"} after {time.time() - start:.1f} s')
EOF
)
case "$answer" in
    408*) held "headers sent one line every 0.5 s got $answer (mixguard.http.header-timeout)" ;;
    *) fail "trickled headers: $answer" ;;
esac

if [ "${SHUTDOWN:-0}" = 1 ] && [ -n "$PID" ]; then
    echo "== D2: SIGTERM with a probe in flight"
    curl -s -m 120 -D "$WORK/inflight.headers" -o "$WORK/inflight" -w '%{http_code}' -H 'Content-Type: image/png' \
        --data-binary @"$png" "$URL/v1/models/$MODEL/probe?queries=19998&epsilon=0.001" > "$WORK/inflight.status" &
    inflight=$!
    sleep 1
    kill -TERM "$PID"
    sleep 0.5
    check "readiness right after SIGTERM" 503 "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$URL/q/health/ready")"
    check "v2 readiness right after SIGTERM" 503 "$(curl -s -m 5 -o /dev/null -w '%{http_code}' \
        "$URL/v2/health/ready")"
    check "classify during the drain delay" 200 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
        -H 'Content-Type: image/png' --data-binary @"$png" "$CLASSIFY")"
    sleep "$(python3 -c "print(${DRAIN_DELAY:-5} - 0.2)")"
    rm -f "$WORK/body"
    headers=$(curl -s -m 10 -D - -o "$WORK/body" -H 'Content-Type: image/png' --data-binary @"$png" "$CLASSIFY" \
        | tr -d '\r')
    if printf '%s' "$headers" | head -1 | grep -q ' 503' && printf '%s' "$headers" | grep -qi '^retry-after:' \
        && printf '%s' "$headers" | grep -qi '^connection: close'; then
        held "after the drain delay: 503, Retry-After, Connection: close, $(cat "$WORK/body")"
    else
        fail "after the drain delay: $(printf '%s' "$headers" | head -1) $(cat "$WORK/body")"
    fi
    wait "$inflight"
    status=$(cat "$WORK/inflight.status")
    inflight_headers=$(tr -d '\r' < "$WORK/inflight.headers" 2>/dev/null)
    if [ "$status" = 200 ]; then
        held "the probe in flight at SIGTERM finished within the shutdown timeout: 200"
    elif [ "$status" = 503 ] && printf '%s' "$inflight_headers" | grep -qi '^retry-after:' \
        && printf '%s' "$inflight_headers" | grep -qi '^connection: close' \
        && grep -q '^{"error":"expected the probe to finish, found this instance shutting down after [0-9]* of' \
            "$WORK/inflight"; then
        held "the probe in flight at SIGTERM was stopped before the shutdown timeout: 503, Retry-After, Connection:" \
            "close, $(cat "$WORK/inflight")"
    else
        fail "the probe in flight at SIGTERM: expected 200, or 503 JSON with Retry-After and Connection: close," \
            "found $status $(cat "$WORK/inflight" 2>/dev/null)"
    fi
    for i in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$PID" 2>/dev/null; then fail "the process still runs 30 s after the drain"; else held "the process exited"; fi
fi

echo "== $failed failed"
exit "$failed"
