-- wrk script for bench/load-test.sh: rotates a mixed query set and checks, on every search or
-- stats answer, that the X-Index-Version header and the body's index_version name one version.
local paths = {
  "/api/search?q=AWS%20A100",
  "/api/search?q=%E4%B9%8B%E6%B1%9F%E5%AE%9E%E9%AA%8C%E5%AE%A4&facets=provider,chip,date",
  "/api/search?q=%22cloud%20computing%22%20OR%20%E8%8B%B1%E4%BC%9F%E8%BE%BE&sort=-date&size=20",
  "/api/search?provider=aws&provider=azure&from=2024-01&sort=amount",
  "/api/search?q=Shenzen%20Universty&kind=record",
  "/api/search?sort=date&size=5&page=2",
  "/api/suggest?q=zhij",
  "/api/entities?q=%E6%B8%85%E5%8D%8E",
  "/api/entities/tsinghua-university",
  "/api/docs/rec-zhejiang-lab-2024-04",
  "/api/export?format=jsonl&q=A100",
  "/api/stats",
}
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  n = id
  mismatched = 0
  checked = 0
  versions = {}
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  local v = body:match('"index_version":"([^"]+)"')
  if v then
    checked = checked + 1
    versions[v] = true
    if headers["X-Index-Version"] ~= v then mismatched = mismatched + 1 end
  end
end

function done(summary, latency, requests)
  local mismatch, checks, seen = 0, 0, {}
  for _, t in ipairs(threads) do
    mismatch = mismatch + t:get("mismatched")
    checks = checks + t:get("checked")
    for v in pairs(t:get("versions")) do seen[v] = true end
  end
  local count = 0
  for _ in pairs(seen) do count = count + 1 end
  io.write(string.format("CHECKED %d MISMATCHED %d VERSIONS %d\n", checks, mismatch, count))
  io.write(string.format("P50_MS %.1f P99_MS %.1f MAX_MS %.1f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("STATUS_ERRORS %d SOCKET_ERRORS %d TIMEOUTS %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
