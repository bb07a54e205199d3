#!/usr/bin/env bash
# Measures `parity proxy` beside nginx's built-in mirror in one run, with the shared anchor benchmark
# (../shared/bench/mirror-bench/run.sh: wrk on loopback, fast / slow / stalled / down candidates): first each scenario with
# freshly started proxies (the bench's 5 s warm-up: the cold rows), then nginx-mirror-fast again and a proxy warmed
# for WARM_WARMUP seconds (default 30: the warm row), and a summary of the ratios to nginx-mirror-fast and to
# nginx-plain against issue 15's targets. The proxy runs with -Xmx512m unless PARITY_BENCH_JAVA_OPTS says otherwise.
# Usage: bench/mirror-vs-nginx.sh [run.sh options, e.g. --rounds 2 --duration 10]
#        PARITY_BENCH_CANDIDATE=resetting bench/mirror-vs-nginx.sh --scenarios "nginx-mirror-fast extra-fast"
#        (the proxy's candidate resets every connection: its extra-fast row is "parity-reset"; no warm row)
# Results: bench/results/<UTC stamp>/{cold,warm}/results.md and summary.md; the proxy's own run folders beside them.
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
export PARITY_BENCH_JAVA=${PARITY_BENCH_JAVA:-java} PARITY_BENCH_JAVA_OPTS=${PARITY_BENCH_JAVA_OPTS:--Xmx512m}
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
  RESULTS_DIR="$out/cold" bash "$anchor" --extra-name parity --extra "$proxy" --scenarios "direct nginx-plain \
    nginx-mirror-fast nginx-mirror-slow nginx-mirror-down extra-fast extra-slow extra-stall extra-down" "$@"
  RESULTS_DIR="$out/warm" EXTRA_WARMUP=${WARM_WARMUP:-30} bash "$anchor" --no-install \
    --scenarios "nginx-mirror-fast extra-fast" --extra-name parity-warm --extra "$proxy" "$@"
  python3 - "$out" "${WARM_WARMUP:-30}" <<'PY' | tee "$out/summary.md"
import csv, os, statistics, sys
out, warm = sys.argv[1], sys.argv[2]
def rows(part):
    with open(os.path.join(out, part, "results.tsv")) as f:
        data = [d for d in csv.DictReader(f, delimiter="\t") if d["rps"] != "NA"]
    by = {}
    for d in data:
        by.setdefault((d["scenario"], d["conns"]), []).append((float(d["rps"]), float(d["p99_ms"]), d["proxy_cpu_pct"]))
    # the median round of each row
    return {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v), "/".join(x[2] for x in v))
            for k, v in by.items()}
cold, hot = rows("cold"), rows("warm")
conns = sorted({c for _, c in cold}, key=int)
print(f"# parity proxy beside nginx ({os.path.basename(out)}; cold: the bench's own warm-up, warm: {warm} s)")
print()
print("| row | conns | req/s | p99 ms | proxy CPU % | vs nginx-mirror-fast req/s | p99 | vs nginx-plain req/s | target |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for c in conns:
    mirror, plain = cold.get(("nginx-mirror-fast", c)), cold.get(("nginx-plain", c))
    for name, table, row, ref in [("nginx-plain", cold, "nginx-plain", None),
                                  ("nginx-mirror-fast", cold, "nginx-mirror-fast", None),
                                  ("parity-fast, cold", cold, "parity-fast", mirror),
                                  ("parity-slow, cold", cold, "parity-slow", mirror),
                                  ("parity-stall, cold", cold, "parity-stall", mirror),
                                  ("parity-down, cold", cold, "parity-down", mirror),
                                  ("nginx-mirror-fast, before warm", hot, "nginx-mirror-fast", None),
                                  ("parity-fast, warm", hot, "parity-warm-fast", hot.get(("nginx-mirror-fast", c)))]:
        r = table.get((row, c))
        if r is None:
            continue
        vs = f"{r[0] / ref[0]:.2f}x | {r[1] / ref[1]:.2f}x" if ref else "– | –"
        vp = f"{r[0] / plain[0]:.2f}x" if plain and ref else "–"
        target = ""
        if name == "parity-fast, cold":
            target = "≥ 1.5x, p99 ≤ 1.5x: " + ("met" if r[0] >= 1.5 * ref[0] and r[1] <= 1.5 * ref[1] else "not met")
        elif name == "parity-fast, warm":
            target = "≥ 2x and ≥ 0.5x plain: " + ("met" if r[0] >= 2 * ref[0] and plain and r[0] >= 0.5 * plain[0] else "not met")
        elif name in ("parity-slow, cold", "parity-stall, cold", "parity-down, cold") and ("parity-fast", c) in cold:
            share = r[0] / cold[("parity-fast", c)][0]
            target = f"{share:.2f}x of fast, ≥ 0.9x: " + ("met" if share >= 0.9 else "not met")
        print(f"| {name} | {c} | {r[0]:,.0f} | {r[1]:.2f} | {r[2]} | {vs} | {vp} | {target} |")
PY
fi
