#!/usr/bin/env bash
# Where the live heap goes under the D1 multipart flood: starts the packaged app (target/quarkus-app, -Xmx256m),
# sends 200 warm-up bodies of 3000 form fields, then two floods of N (default 10000) from 8 clients, and after
# each takes a class histogram (jcmd GC.class_histogram, which runs a full GC first). Prints the live-heap totals
# and the classes that grew most between the histograms: a leak grows with every flood, bounded retention does not.
#   bench/heap-diff.sh [N] [PORT]       (run from the repository root after ./mvnw package)
set -euo pipefail
N=${1:-10000}
PORT=${2:-18099}
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tmp"
java -Xmx256m -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir="$WORK/tmp" -Dquarkus.http.port="$PORT" \
    -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "localhost:$PORT/q/health/ready" && break; sleep 0.5; done
python3 -c "
b = 'B0UND'
part = f'--{b}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n'
open('$WORK/body.bin', 'w').write(part * 3000 + f'--{b}--\r\n')"
flood() {
    curl -s --parallel --parallel-max 8 -o /dev/null -w '%{http_code}\n' \
        -H 'Content-Type: multipart/form-data; boundary=B0UND' --data-binary @"$WORK/body.bin" \
        "localhost:$PORT/v1/models/fashion-mnist/classify?n=[1-$1]" 2>/dev/null | sort | uniq -c | tr -s ' \n' ' '
    echo
}
echo "warm-up: $(flood 200)"
jcmd "$PID" GC.class_histogram > "$WORK/h0.txt"
echo "flood 1: $(flood "$N")"
jcmd "$PID" GC.class_histogram > "$WORK/h1.txt"
echo "flood 2: $(flood "$N")"
jcmd "$PID" GC.class_histogram > "$WORK/h2.txt"
python3 - "$WORK" <<'PY'
import re, sys
def histogram(path):
    rows = (re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line) for line in open(path))
    return {m[3]: (int(m[1]), int(m[2])) for m in rows if m}
h = [histogram(f'{sys.argv[1]}/h{i}.txt') for i in range(3)]
print('live heap after warm-up, flood 1, flood 2 (bytes):', [sum(b for _, b in x.values()) for x in h])
for a, b, name in ((0, 1, 'warm-up -> flood 1'), (1, 2, 'flood 1 -> flood 2')):
    grew = sorted(((h[b].get(k, (0, 0))[1] - h[a].get(k, (0, 0))[1], h[b].get(k, (0, 0))[0] - h[a].get(k, (0, 0))[0], k)
                   for k in set(h[a]) | set(h[b])), reverse=True)[:8]
    print(f'{name}: bytes, instances, class')
    for row in grew:
        print('  ', *row)
PY
