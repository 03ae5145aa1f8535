#!/usr/bin/env bash
# JMH microbenchmarks of the analysis chains and the indexer's hot spots (benchmarks/, see the README's
# "JMH microbenchmarks"). Builds benchmarks/target/benchmarks.jar when missing or older than the sources,
# runs it on a JDK 21+ with short defaults, writes the JSON results and prints them as MB/s and µs/doc.
#   bench/jmh.sh                                   # every benchmark, short runs (~15 min on 2 cores)
#   bench/jmh.sh AnalysisBench -p sample=zh_hant   # a regexp of benchmarks, JMH's own options
#   bench/jmh.sh -rff /tmp/jmh.json -i 5 -r 10s    # any default below can be overridden
#   bench/jmh.sh -l | -h                           # list the benchmarks | JMH's help
# Defaults (each only when not given): -f 1 -wi 2 -w 2s -i 3 -r 3s -rf json -rff jmh-results.json
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

java_major() { # prints the major version of the java at $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

find_jdk() { # JAVA_HOME, then java on the PATH, then the newest JDK under /usr/lib/jvm (as ./chiptrail does)
  local c v
  local path_jdk=""
  command -v java >/dev/null 2>&1 && path_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  for c in "${JAVA_HOME:-}" "$path_jdk" $(ls -d "${CHIPTRAIL_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sort -rV); do
    c="${c%/}"
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v="$(java_major "$c/bin/java")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c"; return; fi
  done
}

jdk="$(find_jdk)"
if [ -z "$jdk" ]; then
  echo "bench/jmh.sh: no JDK 21 or newer found (JAVA_HOME, java on the PATH, ${CHIPTRAIL_JVM_DIR:-/usr/lib/jvm}/*)" >&2
  exit 1
fi
export JAVA_HOME="$jdk"

target="$here/benchmarks/target"
jar="$target/benchmarks.jar"
if [ ! -f "$jar" ] || [ ! -d "$target/lib" ] || [ -n "$(find "$here/pom.xml" "$here/indexer/pom.xml" "$here/benchmarks/pom.xml" \
    "$here/indexer/src/main" "$here/benchmarks/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  command -v mvn >/dev/null 2>&1 || { echo "bench/jmh.sh: Maven (mvn) is needed to build; apt-get install maven" >&2; exit 1; }
  echo "bench/jmh.sh: building benchmarks/target/benchmarks.jar…" >&2
  log="$target-build.log"
  if ! (cd "$here" && mvn -B -q -pl benchmarks -am -DskipTests package >"$log" 2>&1); then
    echo "bench/jmh.sh: the build failed; see $log" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi

# A default only for what the caller did not say.
args=("$@")
has() { local a; for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
defaults=()
has -f || defaults+=(-f 1)
has -wi || defaults+=(-wi 2)
has -w || defaults+=(-w 2s)
has -i || defaults+=(-i 3)
has -r || defaults+=(-r 3s)
has -rf || defaults+=(-rf json)
has -rff || defaults+=(-rff jmh-results.json)
results=jmh-results.json
for ((k = 0; k < ${#args[@]}; k++)); do [ "${args[k]}" = -rff ] && results="${args[k + 1]:-}"; done

# From the root: the benchmarks find data/gazetteer there and keep their generated corpus in
# benchmarks/target/jmh-corpus/ (made on first use, a few seconds).
cd "$here"
start="$(date +%s)"
echo "bench/jmh.sh: $(uptime)" >&2
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar:$target/lib/*" org.openjdk.jmh.Main \
  "${defaults[@]}" "$@"
echo "bench/jmh.sh: $(uptime)" >&2
if [ -f "$results" ] && [ "$(stat -c %Y "$results")" -ge "$start" ] && grep -q '"benchmark"' "$results"; then
  md="${results%.json}.md"
  "$JAVA_HOME/bin/java" -cp "$jar:$target/lib/*" dev.chiptrail.jmh.Summary "$results" | tee "$md"
  echo "bench/jmh.sh: results in $results, table in $md" >&2
fi
