-- wrk script of bench/run.sh: POSTs the file $BODY with Content-Type $CTYPE and prints a JSON summary.
-- With THINK_MS set, each connection waits an exponentially distributed time of that mean before each request
-- (wrk's delay hook), so the requests of many connections arrive as a Poisson stream at a chosen rate.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("CTYPE")
local think_ms = tonumber(os.getenv("THINK_MS") or "")

function setup(thread)
  thread:set("seed", math.random(1, 2 ^ 30))
end

function init(args)
  math.randomseed(seed or os.time())
end

if think_ms then
  function delay()
    return -think_ms * math.log(1 - math.random())
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d, '
      .. '"p50_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
