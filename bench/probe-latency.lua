-- wrk script for bench/probe-latency.sh: POST one sample PNG to classify, each connection pausing DELAY_MS between
-- requests, so the load is moderate and set by the script rather than by how fast the server answers.
local file = assert(io.open(os.getenv("PNG") or "models/fashion-mnist/samples/0-ankle-boot.png", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/png"
local pause = tonumber(os.getenv("DELAY_MS") or "5")

function delay()
  return pause
end
