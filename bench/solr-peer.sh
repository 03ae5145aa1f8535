#!/usr/bin/env bash
# The Solr comparison peer of ./chiptrail bench (bench/solr-peer/, a standalone Maven project that the
# root build and CI never touch): indexes a corpus written by `./chiptrail generate` into embedded
# Solr with chiptrail's analysis, with 1 and 2 threads, runs chiptrail's query mix as top-10 + 4 facets,
# and writes a JSON report (and a Markdown table beside it).
#   bench/solr-peer.sh CORPUS_DIR [--out FILE] [--docs N] [--heap 4g] [--merge BENCH_REPORT.json]
#                      [--seconds-per-class S] [--warmup-seconds S] [--threads 1,2] [--batch N] [--work DIR] [--keep]
# --merge adds the figures under "peer_solr" of a report written by ./chiptrail bench, and prints (and
# writes beside that report as *-vs-solr.md) a table of both. The first run downloads Solr 9.10 from
# Maven Central and builds the peer (a minute or two); later runs build only when its sources changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
project="$here/solr-peer"

usage() { sed -n 2,10p "$0" | sed 's/^# \{0,1\}//'; }

corpus=""
out="solr-report.json"
heap="4g"
merge=""
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --merge) merge="$2"; shift 2 ;;
    --docs|--seconds-per-class|--warmup-seconds|--threads|--batch|--work|--warmup-docs|--queries)
      [ $# -ge 2 ] || { echo "solr-peer: $1 needs a value" >&2; exit 2; }
      passthrough+=("$1" "$2"); shift 2 ;;
    --keep) passthrough+=("$1"); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "solr-peer: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$corpus" ] || { echo "solr-peer: one corpus only" >&2; exit 2; }; corpus="$1"; shift ;;
  esac
done
[ -n "$corpus" ] || { usage >&2; exit 2; }
[ -d "$corpus" ] || { echo "solr-peer: $corpus is not a folder (write one with ./chiptrail generate)" >&2; exit 2; }
if [ -n "$merge" ]; then
  command -v jq >/dev/null || { echo "solr-peer: --merge needs jq (apt-get install jq)" >&2; exit 1; }
  [ -f "$merge" ] || { echo "solr-peer: no report at $merge; run ./chiptrail bench first" >&2; exit 2; }
fi
has_queries=0
for a in "${passthrough[@]+"${passthrough[@]}"}"; do [ "$a" = --queries ] && has_queries=1; done
[ "$has_queries" = 1 ] || passthrough+=(--queries "$root/indexer/src/main/resources/bench/queries-v1.json")

# The JDK as ./chiptrail finds it: JAVA_HOME, then java on the PATH, then the newest under /usr/lib/jvm; 21+.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
find_jdk() {
  local c v path_jdk=""
  command -v java >/dev/null 2>&1 && path_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  for c in "${JAVA_HOME:-}" "$path_jdk" $(ls -d "${CHIPTRAIL_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sort -rV); do
    c="${c%/}"
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v="$(java_major "$c/bin/java")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c"; return; fi
  done
}
jdk="$(find_jdk)"
[ -n "$jdk" ] || { echo "solr-peer: needs a JDK 21 or newer (looked at JAVA_HOME, the PATH and /usr/lib/jvm)" >&2; exit 1; }
export JAVA_HOME="$jdk"

stamp="$project/target/.built"
if [ ! -f "$stamp" ] || [ -n "$(find "$project/pom.xml" "$project/src" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  command -v mvn >/dev/null 2>&1 || { echo "solr-peer: Maven (mvn) is needed to build; apt-get install maven" >&2; exit 1; }
  echo "solr-peer: building bench/solr-peer (Solr 9.10 from Maven Central the first time)…" >&2
  mkdir -p "$project/target"
  buildlog="$project/target/build.log"
  if ! mvn -B -q -f "$project/pom.xml" package >"$buildlog" 2>&1; then
    echo "solr-peer: the build failed; see $buildlog" >&2
    tail -n 30 "$buildlog" >&2
    exit 1
  fi
  touch "$stamp"
fi

"$JAVA_HOME/bin/java" -Xmx"$heap" --enable-native-access=ALL-UNNAMED ${SOLR_PEER_JAVA_OPTS:-} \
  -cp "$project/target/classes:$project/target/lib/*" dev.chiptrail.solrpeer.SolrPeer \
  "$corpus" --out "$out" "${passthrough[@]}"

[ -n "$merge" ] || exit 0

tmp="$(mktemp)"
jq --slurpfile s "$out" '.peer_solr = $s[0]' "$merge" >"$tmp" && mv "$tmp" "$merge"
table="${merge%.json}-vs-solr.md"
{
  echo "chiptrail ($(jq -r '.machine.lucene // "?"' "$merge")) and Solr $(jq -r '.peer_solr.versions.solr' "$merge") (Lucene $(jq -r '.peer_solr.versions.lucene' "$merge")) embedded;"
  echo "chiptrail corpus $(jq -r '.corpus.documents' "$merge") documents, Solr corpus $(jq -r '.peer_solr.corpus.documents' "$merge") documents."
  echo
  echo "chiptrail counts every facet of each query; the Solr peer counts provider, chip, entity_type and year."
  echo
  echo "| figure | chiptrail | Solr peer |"
  echo "|---|---|---|"
  jq -r '
    def r: if type == "number" then (. * 100 | round / 100) else "–" end;
    def dps: if . then "\(.docs_per_s | floor) docs/s (\(.mb_per_s | r) MB/s)" else "–" end;
    . as $c | $c.peer_solr as $s
    | "| indexing, 1 thread | \($c.indexing.threads_1 | dps) | \($s.indexing.threads_1 | dps) |",
      ($s.indexing | [keys[] | select(startswith("threads_"))] | last) as $sk
      | "| indexing, all cores (chiptrail \($c.indexing.threads_all.threads // "?"), Solr \($s.indexing[$sk].threads) threads) | \($c.indexing.threads_all | dps) | \($s.indexing[$sk] | dps) |",
      "| index size per document | \(($c.indexing.index_bytes_per_doc // 0) / 1000 | r) KB | \($s.indexing.index_bytes_per_doc / 1000 | r) KB |",
      ( $s.search.classes | keys_unsorted[] as $k
        | "| \($k), p50 / p99 ms | \($c.search.classes[$k].p50_ms | r) / \($c.search.classes[$k].p99_ms | r) | \($s.search.classes[$k].p50_ms | r) / \($s.search.classes[$k].p99_ms | r) |" ),
      "| whole mix, 1 thread, QPS | \($c.search.concurrency["1"].qps // null | r) | \($s.search.mix.qps | r) |",
      "| Solr whole mix (top-10 + 4 facets), p50 / p95 / p99 ms | | \($s.search.mix.p50_ms | r) / \($s.search.mix.p95_ms | r) / \($s.search.mix.p99_ms | r) |",
      "| load average at the end (1 min) | | \($s.load_average.end[0] // "?") |"
  ' "$merge"
} >"$table"
echo
cat "$table"
echo "merged into $merge under .peer_solr; table: $table"
