#!/usr/bin/env bash
# Replays issue 13's hostile-client floods against a running MixGuard and prints what held.
#
#   bench/abuse.sh [URL]              # default URL http://localhost:8080
#
# Environment:
#   PID=<pid>        the service's process id: adds file-descriptor and heap checks (jcmd on PATH), and SIGTERM
#   REQUESTS=10000   requests in the multipart flood (D1)
#   CLIENTS=8        concurrent clients of the flood, and of the load through the SIGTERM (SHUTDOWN=1)
#   SHUTDOWN=1       finally SIGTERM the service (needs PID) under load and check the drain (D2): readiness DOWN
#                    at once, served during the drain delay, a new connection refused after it, a probe in flight
#                    answered (200 if it finished in time, else the 503 JSON of mixguard.probe.shutdown-margin), and
#                    the process exits; meanwhile CLIENTS kept-alive clients send classify back to back through the
#                    SIGTERM until the exit and IDLE_CONNECTIONS kept-alive connections, idle since before it, send one
#                    request each 0.5 s after the drain delay: every request written must get an HTTP answer (200,
#                    or 503 JSON with Retry-After and Connection: close), none a reset or EOF
#   IDLE_CONNECTIONS=4  kept-alive connections idle across the end of the drain delay (for SHUTDOWN=1)
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
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-4}
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
json_error() { # name expected-status curl-args...: the status, a JSON content type and {"error": ...} naming the limit
    local name=$1 expected=$2 answer
    shift 2
    answer=$(curl -s -m 10 -o "$WORK/body" -w '%{http_code} %{content_type}' "$@")
    if [ "$answer" = "$expected application/json" ] && grep -q '^{"error":"expected ' "$WORK/body"; then
        held "$name: $answer $(cat "$WORK/body")"
    else
        fail "$name: expected $expected with a JSON error, found $answer $(cat "$WORK/body")"
    fi
}
# within Netty's own limits (quarkus.http.limits.max-initial-line-length 16K, max-header-size 80K); past them Vert.x
# answers 414/431 with an empty body before any handler runs (application.properties)
json_error "a 5000-character request target" 414 "$URL/v1/models?q=$(head -c 5000 /dev/zero | tr '\0' a)"
json_error "a 30000-byte header" 431 -H "X-Big: $(head -c 30000 /dev/zero | tr '\0' b)" "$URL/v1/models"
json_error "an HTTP/1.1 request without Host" 400 -H 'Host:' "$URL/v1/models"
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
    echo "== D2: SIGTERM with a probe in flight, $CLIENTS kept-alive clients sending classify back to back and" \
        "$IDLE_CONNECTIONS kept-alive connections idle across the end of the drain delay"
    curl -s -m 120 -D "$WORK/inflight.headers" -o "$WORK/inflight" -w '%{http_code}' -H 'Content-Type: image/png' \
        --data-binary @"$png" "$URL/v1/models/$MODEL/probe?queries=19998&epsilon=0.001" > "$WORK/inflight.status" &
    inflight=$!
    # The load sends the SIGTERM itself (1 s in), then counts what became of every request until the process exits:
    # an answer, a new connection refused (the request never left the client), or none: written on a new connection
    # (unanswered) or on a kept-alive one (lost) and ended by a reset or EOF without a status. A new connection reset
    # before the drain delay ends, when the service closes none it accepted, was queued by the kernel as the listener
    # closed and never reached the service: counted with the refused ones. A connection the server closed
    # (Connection: close, or while idle, seen before writing) is reopened first, as a client pool does.
    python3 - "$host" "$port" "/v1/models/$MODEL/classify" "$png" "$PID" "${DRAIN_DELAY:-5}" "$CLIENTS" \
        "$IDLE_CONNECTIONS" "$WORK" > "$WORK/load.env" 2> "$WORK/load.err" <<'EOF' &
import collections, os, select, signal, socket, sys, threading, time
host, port, path, png, pid, delay, clients, idle, work = sys.argv[1:]
port, pid, delay, clients, idle = int(port), int(pid), float(delay), int(clients), int(idle)
body = open(png, 'rb').read()
request = (f'POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: image/png\r\n'
           f'Content-Length: {len(body)}\r\n\r\n').encode() + body
refusal = b'{"error":"expected a serving instance, found this one shutting down'
counts, failures, lock = collections.Counter(), [], threading.Lock()
sigterm = None

def alive():
    try:
        return open(f'/proc/{pid}/stat').read().split(') ')[1][0] != 'Z'
    except OSError:
        return False

def count(outcome, failure=None):
    with lock:
        counts[outcome] += 1
        if failure and len(failures) < 5:
            failures.append(failure)
    return outcome

class Connection:
    def __init__(self):
        self.sock = None

    def close(self):
        if self.sock:
            self.sock.close()
        self.sock = None

    def reused(self):
        if self.sock and select.select([self.sock], [], [], 0)[0]:
            try:
                closed = self.sock.recv(1, socket.MSG_PEEK) == b''
            except OSError:
                closed = True
            if not closed:
                raise OSError('expected nothing from the server between answers, found bytes')
            self.close()
            count('REOPENED_AFTER_IDLE_CLOSE')
        return self.sock is not None

    def recv(self, got):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError(f'connection closed after {len(got)} bytes of the answer')
        return got + chunk

    def send(self):
        if self.sock is None:
            self.sock = socket.create_connection((host, port), timeout=10)
        self.sock.sendall(request)
        data = b''
        while b'\r\n\r\n' not in data:
            data = self.recv(data)
        head, _, rest = data.partition(b'\r\n\r\n')
        lines = head.decode('latin-1').split('\r\n')
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(':') for line in lines[1:])}
        while len(rest) < int(headers.get('content-length', 0)):
            rest = self.recv(rest)
        if headers.get('connection', '').lower() == 'close':
            self.close()
        return int(lines[0].split(' ')[1]), headers, rest

def attempt(connection):
    reused = connection.reused()
    sent = time.monotonic()
    at = lambda t: 'before SIGTERM' if sigterm is None or t < sigterm else f'{(t - sigterm) * 1000:.0f} ms'
    try:
        status, headers, answer = connection.send()
    except ConnectionRefusedError:
        return count('NOT_CONNECTED')
    except (OSError, EOFError) as e:
        connection.close()
        now = time.monotonic()
        if not reused and isinstance(e, ConnectionResetError) and sigterm is not None and now < sigterm + delay:
            return count('RESET_BY_CLOSING_LISTENER')
        return count('LOST' if reused else 'UNANSWERED_NEW', f'sent at {at(sent)}, failed at {at(now)}: {e!r}')
    if status == 200:
        return count('SERVED_BEFORE' if sigterm is None or sent < sigterm else 'SERVED_DRAINING')
    if (status == 503 and answer.startswith(refusal) and headers.get('retry-after') == '1'
            and headers.get('connection', '').lower() == 'close' and headers.get('content-type') == 'application/json'):
        return count('REFUSED_503')
    return count('OTHER_ANSWER', f'sent at {at(sent)}: {status} {headers} {answer[:200]!r}')

running = True
def client():
    connection = Connection()
    while running:
        if attempt(connection) == 'NOT_CONNECTED':
            time.sleep(0.02)
    connection.close()

threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
idle_connections = [Connection() for _ in range(idle)]
for c in idle_connections:
    attempt(c)
time.sleep(1)
sigterm = time.monotonic()
os.kill(pid, signal.SIGTERM)
open(f'{work}/sigterm', 'w').close()
time.sleep(max(0.0, sigterm + delay + 0.5 - time.monotonic()))
idle_after = [attempt(c) for c in idle_connections]
while alive() and time.monotonic() - sigterm < 60:
    time.sleep(0.05)
exit_ms = int((time.monotonic() - sigterm) * 1000)
running = False
for t in threads:
    t.join()
for name in ('SERVED_BEFORE', 'SERVED_DRAINING', 'REFUSED_503', 'OTHER_ANSWER', 'NOT_CONNECTED',
             'RESET_BY_CLOSING_LISTENER', 'UNANSWERED_NEW', 'LOST', 'REOPENED_AFTER_IDLE_CLOSE'):
    print(f'{name}={counts[name]}')
print(f'IDLE_503={idle_after.count("REFUSED_503")}')
print(f'IDLE_AFTER="{" ".join(idle_after)}"')
print(f'EXIT_MS={exit_ms if not alive() else -1}')
print('FAILURES="' + '; '.join(failures).translate({34: 39, 36: None, 96: None, 92: None}) + '"')
EOF
    loader=$!
    for i in $(seq 1 100); do [ -f "$WORK/sigterm" ] && break; sleep 0.1; done
    sleep 0.5
    check "readiness right after SIGTERM" 503 "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$URL/q/health/ready")"
    check "v2 readiness right after SIGTERM" 503 "$(curl -s -m 5 -o /dev/null -w '%{http_code}' \
        "$URL/v2/health/ready")"
    check "classify during the drain delay" 200 "$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
        -H 'Content-Type: image/png' --data-binary @"$png" "$CLASSIFY")"
    sleep "$(python3 -c "print(${DRAIN_DELAY:-5} - 0.7)")"
    curl -s -m 10 -o /dev/null -H 'Content-Type: image/png' --data-binary @"$png" "$CLASSIFY"
    check "a new connection as the drain delay ends is refused (curl exit 7: the listener is closed)" 7 "$?"
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
    wait "$loader"
    # shellcheck disable=SC1091
    . "$WORK/load.env" 2>/dev/null || fail "the load client: $(tail -3 "$WORK/load.err")"
    summary="200 before SIGTERM ${SERVED_BEFORE:-?}, 200 during the drain delay ${SERVED_DRAINING:-?}, 503 JSON with"
    summary="$summary Retry-After and Connection: close ${REFUSED_503:-?}, other answers ${OTHER_ANSWER:-?}, new"
    summary="$summary connections refused ${NOT_CONNECTED:-?} (and reset as the listener closed"
    summary="$summary ${RESET_BY_CLOSING_LISTENER:-?}), unanswered on new connections ${UNANSWERED_NEW:-?},"
    summary="$summary lost on kept-alive connections ${LOST:-?}; idle connections used after the drain delay:"
    summary="$summary ${IDLE_AFTER:-?}; exit ${EXIT_MS:-?} ms after SIGTERM ${FAILURES:+; failures: $FAILURES}"
    if [ "${LOST:-1}" = 0 ] && [ "${UNANSWERED_NEW:-1}" = 0 ] && [ "${OTHER_ANSWER:-1}" = 0 ] \
        && [ "${SERVED_DRAINING:-0}" -gt 0 ] && [ "${IDLE_503:-0}" = "$IDLE_CONNECTIONS" ] \
        && [ "${EXIT_MS:--1}" -ge 0 ]; then
        held "under load, every request written got an answer: $summary"
    else
        fail "under load: $summary"
    fi
    for i in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$PID" 2>/dev/null; then fail "the process still runs 30 s after the drain"
    else held "the process exited"; fi
fi

echo "== $failed failed"
exit "$failed"
