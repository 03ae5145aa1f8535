-- wrk script: rotates through the URLs of the bench query mix (one per line in $BENCH_URLS) and
-- prints the figures as one JSON line prefixed with "BENCH_JSON " for http-bench.sh.
local urls = {}
local counter = 0

function init(args)
  local file = os.getenv("BENCH_URLS")
  for line in io.lines(file) do
    if line ~= "" then urls[#urls + 1] = line end
  end
  if #urls == 0 then error("no URLs in " .. tostring(file)) end
  -- Threads start at different places in the mix so every query runs at every concurrency.
  counter = math.random(#urls) - 1
end

-- Each thread keeps the first answers that were not 2xx (status and the start of the body), so that
-- an error in the figures says what it was.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local bad = ""
function response(status, headers, body)
  if status > 299 and #bad < 400 then
    bad = bad .. status .. " " .. string.sub(body or "", 1, 160) .. " | "
    wrk.thread:set("bad", bad)
  end
end

function request()
  counter = counter + 1
  return wrk.format("GET", urls[(counter % #urls) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local non2xx = e.status or 0
  for _, t in ipairs(threads) do
    local b = t:get("bad")
    if b then io.stderr:write("non-2xx answers: " .. b .. "\n") end
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"qps":%.3f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},"bytes":%d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, non2xx, summary.bytes))
end
