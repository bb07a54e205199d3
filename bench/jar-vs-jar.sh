#!/usr/bin/env bash
# Two builds of `parity proxy` side by side on the shared anchor benchmark: each round runs nginx-mirror-fast and
# the proxy of jar A, then nginx-mirror-fast and the proxy of jar B, so every proxy row has an nginx row measured
# minutes before it on the same machine. Prints per jar and connection count the median ratio to nginx-mirror-fast.
# Usage: bench/jar-vs-jar.sh OLD.jar NEW.jar [ROUNDS] [extra run.sh options, e.g. --duration 10]
# Results: bench/results/ab-<UTC stamp>/{A,B}-<round>/results.tsv and summary.md
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anchor="$root/../shared/bench/mirror-bench/run.sh"
[[ -f $anchor ]] || { echo "missing $anchor (../shared must sit beside the repository)" >&2; exit 2; }
(($# >= 2)) || { echo "usage: $0 OLD.jar NEW.jar [ROUNDS] [run.sh options]" >&2; exit 2; }
a=$(realpath "$1"); b=$(realpath "$2"); rounds=${3:-2}; shift $(( $# >= 3 ? 3 : 2 ))
out="$root/bench/results/ab-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
cp "$a" "$out/A.jar"; cp "$b" "$out/B.jar"
for ((r = 1; r <= rounds; r++)); do
  for side in A B; do
    export PARITY_BENCH_JAR="$out/$side.jar" PARITY_BENCH_OUT="$out/$side-$r"
    RESULTS_DIR="$out/$side-$r" bash "$anchor" --no-install --scenarios "nginx-mirror-fast extra-fast" \
      --extra-name "parity-$side" \
      --extra 'exec java -Xmx2g -jar "$PARITY_BENCH_JAR" proxy --listen $LISTEN --primary $PRIMARY --candidate $CANDIDATE --out "$PARITY_BENCH_OUT/parity-run-$$"' \
      "$@" >"$out/$side-$r.log" 2>&1 || { echo "round $r $side failed; see $out/$side-$r.log" >&2; exit 1; }
  done
done
python3 - "$out" "$rounds" <<'PY' | tee "$out/summary.md"
import csv, statistics, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
rows = {}
for side in "AB":
    for r in range(1, rounds + 1):
        with open(os.path.join(out, f"{side}-{r}", "results.tsv")) as f:
            data = list(csv.DictReader(f, delimiter="\t"))
        nginx = {d["conns"]: d for d in data if d["scenario"] == "nginx-mirror-fast"}
        for d in data:
            if d["scenario"].startswith("parity-"):
                n = nginx[d["conns"]]
                rows.setdefault((side, d["conns"]), []).append(
                    (float(d["rps"]), float(d["p99_ms"]), float(d["rps"]) / float(n["rps"]),
                     float(d["p99_ms"]) / float(n["p99_ms"]), d["mirrored_pct"], d["proxy_cpu_pct"]))
print("| jar | conns | rounds | req/s (median) | p99 ms | req/s vs nginx-mirror-fast | p99 vs nginx-mirror-fast | mirrored % | proxy CPU % |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for (side, conns), v in sorted(rows.items(), key=lambda kv: (int(kv[0][1]), kv[0][0])):
    med = lambda i: statistics.median(x[i] for x in v)
    print(f"| {side} | {conns} | {len(v)} | {med(0):,.0f} | {med(1):.2f} | {med(2):.2f}x | {med(3):.2f}x | "
          f"{'/'.join(x[4] for x in v)} | {'/'.join(x[5] for x in v)} |")
PY
