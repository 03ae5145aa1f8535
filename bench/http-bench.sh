#!/usr/bin/env bash
# HTTP half of the chiptrail benchmark. Run after `./chiptrail bench`, with the report it wrote:
#   bench/http-bench.sh [REPORT.json] [--port P] [--duration 10s] [--heap 1g]
# It starts `./chiptrail serve` on the index the bench built (loopback only), measures the time until
# /health answers 200 and the resident memory under load, runs wrk with 1, 8 and 64 connections over
# the same query mix (and the suggest prefixes), and merges the figures and the HTTP targets into the
# report; the Markdown table beside the report gets an HTTP section. Needs wrk, curl and jq.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

report="bench-report.json"
port=18080
duration=10s
heap=1g
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) report="$1"; shift ;;
  esac
done
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "http-bench: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done
[ -f "$report" ] || { echo "http-bench: no report at $report; run ./chiptrail bench first" >&2; exit 1; }
index="$(jq -r '.index_path' "$report")"
urls="$(jq -r '.http_urls' "$report")"
suggest_urls="$(dirname "$urls")/http-suggest-urls.txt"
[ -d "$index" ] || { echo "http-bench: the index $index named in $report is gone; rerun ./chiptrail bench" >&2; exit 1; }
base="http://127.0.0.1:$port"
if curl -s -o /dev/null "$base/health"; then
  echo "http-bench: something already answers on port $port; pass --port" >&2; exit 1
fi

log="$(mktemp)"
start_ns=$(date +%s%N)
# BENCH_SERVER_CMD replaces the server command (another build, or a stub to try this script).
if [ -n "${BENCH_SERVER_CMD:-}" ]; then
  BENCH_INDEX="$index" BENCH_PORT="$port" bash -c "exec $BENCH_SERVER_CMD" >"$log" 2>&1 &
else
  CHIPTRAIL_JAVA_OPTS="-Xmx$heap ${CHIPTRAIL_JAVA_OPTS:-}" \
    "$root/chiptrail" serve --index "$index" --no-reindex --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
fi
launcher=$!
cleanup() { kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

# The launcher execs java, so its pid is the server's. Start time counts until /health says 200.
status=000
for _ in $(seq 1 600); do
  status="$(curl -s -o /dev/null -w '%{http_code}' "$base/health" || true)"
  [ "$status" = 200 ] && break
  kill -0 "$launcher" 2>/dev/null || { echo "http-bench: the server exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.05
done
[ "$status" = 200 ] || { echo "http-bench: /health never answered 200 in 30 s" >&2; tail -20 "$log" >&2; exit 1; }
start_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "http-bench: serving after $start_ms ms (pid $launcher, -Xmx$heap)"

rss_peak=0
sample_rss() { local r; r="$(ps -o rss= -p "$launcher" 2>/dev/null | tr -d ' ')"; [ -n "$r" ] && [ "$r" -gt "$rss_peak" ] && rss_peak=$r; true; }

# wrk counts an answer slower than its 2 s default as an error; at 64 connections on 2 cores a queued
# search can take longer, and a client that waits is what the latency figures are for.
wrk_timeout=30s
drain() { # until the requests wrk left in flight are answered: a quick search answers quickly again
  for _ in $(seq 1 100); do
    t="$(curl -s -o /dev/null -w '%{time_total}' "$base/api/search?q=&size=1&facets=" || echo 9)"
    awk -v t="$t" 'BEGIN { exit !(t < 0.1) }' && return
    sleep 0.3
  done
}

run_wrk() { # connections urls-file -> JSON line
  local c="$1" file="$2" out
  local t=2; [ "$c" -lt 2 ] && t=1
  out="$(BENCH_URLS="$file" wrk -t"$t" -c"$c" -d"$duration" --timeout "$wrk_timeout" --latency -s "$here/mix.lua" "$base" 2>&1 &
    wpid=$!; while kill -0 $wpid 2>/dev/null; do sample_rss; sleep 0.5; done; wait $wpid)" || true
  drain
  echo "$out" | grep '^non-2xx answers' >&2 || true
  echo "$out" | sed -n 's/^BENCH_JSON //p' | tail -1
}

# Warm-up: JIT and page cache, not measured.
BENCH_URLS="$urls" wrk -t1 -c4 -d3s -s "$here/mix.lua" "$base" >/dev/null 2>&1 || true
drain
http='{}'
for c in 1 8 64; do
  j="$(run_wrk "$c" "$urls")"
  [ -n "$j" ] || { echo "http-bench: wrk gave no figures at $c connections" >&2; exit 1; }
  echo "http-bench: $c connections: $j"
  http="$(jq --arg c "$c" --argjson j "$j" '.[$c] = $j' <<<"$http")"
done
suggest='null'
first_suggest="$(head -1 "$suggest_urls" 2>/dev/null || true)"
if [ -n "$first_suggest" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$first_suggest")" = 200 ]; then
  suggest="$(run_wrk 1 "$suggest_urls")"
  echo "http-bench: suggest, 1 connection: $suggest"
else
  echo "http-bench: $base$first_suggest did not answer 200; suggest not measured" >&2
fi
sample_rss
alive=false
kill -0 "$launcher" 2>/dev/null && alive=true

tmp="$(mktemp)"
jq --argjson http "$http" --argjson suggest "$suggest" --argjson start "$start_ms" --argjson rss "$rss_peak" \
   --arg heap "$heap" --arg duration "$duration" --arg wrk_timeout "$wrk_timeout" --argjson alive "$alive" '
  def miss_max(m; b): if m <= b then 0 else (m - b) / b * 100 end;
  def miss_min(m; b): if m >= b then 0 else (b - m) / b * 100 end;
  def note: if .corpus.documents != 1000000 then {note: "measured at \(.corpus.documents) documents; the target applies at 1000000"} else {} end;
  . as $r
  | .http = {status: "measured", tool: "wrk -t2, loopback, --timeout \($wrk_timeout)", duration: $duration, max_heap: $heap,
             start_to_health_200_ms: $start, rss_peak_bytes: ($rss * 1024), server_alive_after_load: $alive,
             connections: $http, suggest: $suggest,
             ratio_to_in_process: ($http | with_entries(.value = (.value.qps / ($r.search.concurrency[.key].qps // null)))) }
  | .targets = ([.targets[] | select(.source != "http")] + ([
      ({target: "HTTP at 8 connections / in-process at 8 threads >= 0.85 ratio", measured: .http.ratio_to_in_process["8"], unit: "ratio"}
        | .met = (.measured >= 0.85) | .missed_by_percent = miss_min(.measured; 0.85)),
      ({target: "errors at 64 connections = 0", measured: ([$http["64"].errors[]] | add), unit: "errors"}
        | .met = (.measured == 0) | .missed_by_percent = (if .measured == 0 then 0 else 100 end)),
      ({target: "server start on an existing index <= 2000 ms", measured: $start, unit: "ms"}
        | .met = (.measured <= 2000) | .missed_by_percent = miss_max(.measured; 2000)),
      ({target: "server serves the whole run with a heap of at most 1 GiB (-Xmx\($heap)); resident memory under load", measured: ($rss / 1024), unit: "MiB RSS"}
        | .met = (($heap == "1g" or $heap == "1024m" or $heap == "1G") and $alive and ([$http["64"].errors[]] | add) == 0)
        | .missed_by_percent = (if .met then 0 else null end)),
      (if $suggest == null then {target: "suggest p99 over HTTP (1 connection) <= 5 ms", measured: null, unit: "ms", met: false, missed_by_percent: null, note: "suggest endpoint did not answer"}
       else ({target: "suggest p99 over HTTP (1 connection) <= 5 ms", measured: $suggest.p99_ms, unit: "ms"} | .met = (.measured <= 5) | .missed_by_percent = miss_max(.measured; 5)) end)
    ] | map(. + {source: "http"} + ($r | note))))
' "$report" >"$tmp"
mv "$tmp" "$report"

md="${report%.json}.md"
{
  echo
  echo "HTTP (wrk -t2 against 127.0.0.1, $duration per level, server -Xmx$heap): serving after ${start_ms} ms, peak RSS $((rss_peak / 1024)) MiB."
  echo
  echo "| connections | QPS | p50 ms | p99 ms | errors | HTTP / in-process |"
  echo "|---|---|---|---|---|---|"
  jq -r '.http as $h | ["1","8","64"][] as $c | $h.connections[$c] as $x
    | "| \($c) | \($x.qps | floor) | \($x.p50_ms) | \($x.p99_ms) | \([$x.errors[]] | add) | \(($h.ratio_to_in_process[$c] // 0) * 100 | floor)% |"' "$report"
  jq -r 'if .http.suggest then "| suggest, 1 | \(.http.suggest.qps | floor) | \(.http.suggest.p50_ms) | \(.http.suggest.p99_ms) | \([.http.suggest.errors[]] | add) | |" else empty end' "$report"
  echo
  echo "| target | measured | met | missed by |"
  echo "|---|---|---|---|"
  jq -r '.targets[] | "| \(.target) | \(.measured | if type == "number" then (. * 100 | round / 100) else . end) \(.unit) | \(if .met then "yes" else "no" end) | \(if .met then "" else "\(.missed_by_percent // "?" | if type == "number" then floor else . end)%" end) |"' "$report"
} >>"$md"
echo "http-bench: figures merged into $report; table appended to $md"
