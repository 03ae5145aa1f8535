#!/usr/bin/env bash
# Load test: wrk (Debian's package) against a chiptrail server on loopback while the index is
# rebuilt and swapped in a loop. Bounded in time. Usage:
#   bench/load-test.sh [SECONDS=60] [CONNECTIONS=64] [REBUILDS=10]
# Passes (exit 0) when wrk saw no non-2xx answer and no socket error, every search/stats answer
# named one index version, at least REBUILDS rebuilds were served, and no file of a replaced
# generation is still open or mapped by the server afterwards. Prints p50/p99 latency.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
secs="${1:-60}"; conns="${2:-64}"; rebuilds="${3:-10}"
port="${PORT:-18080}"
command -v wrk >/dev/null || { echo "load-test: wrk is needed: apt-get install -y wrk" >&2; exit 2; }

work="$(mktemp -d)"
index="$work/index"
server_pid=""
rebuild_pid=""
cleanup() {
  [ -n "$rebuild_pid" ] && kill "$rebuild_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

./chiptrail index --full --index "$index" >"$work/index-0.log"
# The server and wrk run at nice 10 and the rebuilds at normal priority with a quick-starting JVM,
# so that on a small machine the rebuilds keep pace with a saturating load.
nice -n 10 ./chiptrail serve --no-reindex --index "$index" --host 127.0.0.1 --port "$port" --queue-size 1024 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "load-test: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

# Warm up, then count what the server has open before the run.
wrk -t1 -c4 -d3s -s bench/mixed.lua "http://127.0.0.1:$port" >/dev/null
fds_before=$(ls "/proc/$server_pid/fd" | wc -l)
mapped_before=$(grep -F "$index" "/proc/$server_pid/maps" | awk '{print $6}' | sort -u | wc -l)
first_version=$(curl -fsS "http://127.0.0.1:$port/api/stats" | sed -n 's/.*"index_version":"\([^"]*\)".*/\1/p')

# Rebuild in a loop for the length of the run (each one a fresh generation, swapped atomically).
(
  end=$(( $(date +%s) + secs - 5 ))
  i=0
  while [ "$(date +%s)" -lt "$end" ]; do
    i=$((i + 1))
    CHIPTRAIL_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
      ./chiptrail index --full --index "$index" >"$work/index-$i.log" 2>&1 || { echo "rebuild $i failed" >&2; exit 1; }
    echo "$i" >"$work/rebuilds"
  done
) &
rebuild_pid=$!

nice -n 10 wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s bench/mixed.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt"
wait "$rebuild_pid"; rebuild_pid=""
sleep 3   # the server's refresher closes a replaced reader after its last request

done_rebuilds=$(cat "$work/rebuilds" 2>/dev/null || echo 0)
last_version=$(curl -fsS "http://127.0.0.1:$port/api/stats" | sed -n 's/.*"index_version":"\([^"]*\)".*/\1/p')
fds_after=$(ls "/proc/$server_pid/fd" | wc -l)
mapped_after=$(grep -F "$index" "/proc/$server_pid/maps" | awk '{print $6}' | sort -u | wc -l)
deleted_mapped=$(grep -F "$index" "/proc/$server_pid/maps" | grep -c "(deleted)" || true)
non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$work/wrk.txt"); non2xx=${non2xx:-0}
read -r _ status_errors _ socket_errors _ timeouts < <(grep '^STATUS_ERRORS' "$work/wrk.txt")
read -r _ checked _ mismatched _ versions < <(grep '^CHECKED' "$work/wrk.txt")
requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.txt")
p99=$(sed -n 's/^P50_MS .* P99_MS \([0-9.]*\).*/\1/p' "$work/wrk.txt")

echo
echo "load-test: $requests requests, $conns connections, ${secs}s; $done_rebuilds rebuilds ($first_version -> $last_version), $versions versions served"
echo "load-test: non-2xx $non2xx, socket errors $socket_errors, timeouts $timeouts; $checked answers checked, $mismatched with two versions"
echo "load-test: p99 ${p99} ms; server fds $fds_before -> $fds_after; index files mapped $mapped_before -> $mapped_after, deleted but mapped $deleted_mapped"
fail=0
[ "$non2xx" -eq 0 ] && [ "$status_errors" -eq 0 ] || { echo "FAIL: non-2xx answers" >&2; fail=1; }
[ "$socket_errors" -eq 0 ] && [ "$timeouts" -eq 0 ] || { echo "FAIL: socket errors or timeouts" >&2; fail=1; }
[ "$mismatched" -eq 0 ] || { echo "FAIL: an answer named two index versions" >&2; fail=1; }
[ "$done_rebuilds" -ge "$rebuilds" ] || { echo "FAIL: only $done_rebuilds rebuilds (wanted $rebuilds)" >&2; fail=1; }
[ "$deleted_mapped" -eq 0 ] && [ "$mapped_after" -le "$mapped_before" ] || { echo "FAIL: a replaced generation is still mapped" >&2; fail=1; }
[ "$fds_after" -le $((fds_before + 8)) ] || { echo "FAIL: open files grew" >&2; fail=1; }
exit $fail
