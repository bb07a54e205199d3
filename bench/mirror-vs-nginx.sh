#!/usr/bin/env bash
# Measures `parity proxy` beside nginx's built-in mirror in one run, with the shared anchor benchmark
# (../shared/bench/mirror-bench/run.sh: wrk on loopback, fast / slow / down candidates).
# Usage: bench/mirror-vs-nginx.sh [run.sh options, e.g. --rounds 2 --duration 10]
#        PARITY_BENCH_CANDIDATE=resetting bench/mirror-vs-nginx.sh --scenarios "nginx-mirror-fast extra-fast"
#        (the proxy's candidate resets every connection: its extra-fast row is "parity-reset")
# Results: bench/results/<UTC stamp>/results.md; the proxy's own run folders beside them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anchor="$root/../shared/bench/mirror-bench/run.sh"
[[ -x $anchor || -f $anchor ]] || { echo "missing $anchor (../shared must sit beside the repository)" >&2; exit 2; }
(cd "$root" && mvn -B -q -DskipTests package)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/results/$stamp"
mkdir -p "$out"
cp "$root/cli/target/parity.jar" "$out/parity.jar"   # the jar under test stays fixed while you rebuild
export PARITY_BENCH_JAR="$out/parity.jar" PARITY_BENCH_OUT="$out" PARITY_BENCH_ROOT="$root"
# PARITY_BENCH_JAVA picks the JVM (default: java on PATH); PARITY_BENCH_AOT=1 (JDK 25) first trains an ahead-of-time
# cache for this very jar (bench/aot-train.sh) and runs the proxy with it.
export PARITY_BENCH_JAVA=${PARITY_BENCH_JAVA:-java} PARITY_BENCH_JAVA_OPTS=${PARITY_BENCH_JAVA_OPTS:--Xmx2g}
if [[ ${PARITY_BENCH_AOT:-} == 1 ]]; then
  "$root/bench/aot-train.sh" "$out/parity.jar" "$PARITY_BENCH_JAVA"
  PARITY_BENCH_JAVA_OPTS="$PARITY_BENCH_JAVA_OPTS -XX:AOTCache=$out/parity.aot"
fi
proxy='exec "$PARITY_BENCH_JAVA" $PARITY_BENCH_JAVA_OPTS -jar "$PARITY_BENCH_JAR" proxy --listen $LISTEN --primary $PRIMARY --candidate $CANDIDATE --out "$PARITY_BENCH_OUT/parity-run-$$"'
if [[ ${PARITY_BENCH_CANDIDATE:-} == resetting ]]; then
  # The candidate resets every connection (extra-fast becomes the "reset" row): compare it with a plain run's parity-fast.
  export PARITY_BENCH_PROXY=$proxy
  RESULTS_DIR="$out" bash "$anchor" --extra-name parity-reset \
    --extra 'exec "$PARITY_BENCH_ROOT/bench/with-resetting-candidate.sh" "$PARITY_BENCH_PROXY"' "$@"
else
  RESULTS_DIR="$out" bash "$anchor" --extra-name parity --extra "$proxy" "$@"
fi
