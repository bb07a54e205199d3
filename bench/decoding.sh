#!/usr/bin/env bash
# Measures a whole exchange through the comparator with identity-coded and with gzip'd answers beside the
# Jackson readTree+equals lower bound on the same bodies, in one JMH run, and prints each as a ratio of it.
# Usage: bench/decoding.sh [extra JMH options, e.g. -p shape=REST_16K -f 2]
# Results: bench/results/decoding-<UTC stamp>/{jmh.json,results.md}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -DskipTests package -pl jmh -am)
out="$root/bench/results/decoding-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
java -jar "$root/jmh/target/benchmarks.jar" ExchangeBenchmark -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
python3 - "$out/jmh.json" > "$out/results.md" <<'PY'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    key = (r["params"]["shape"], r["params"]["variant"])
    rows.setdefault(key, {})[r["benchmark"].rsplit(".", 1)[1]] = r["primaryMetric"]["score"]
print("| payload | variant | jacksonEquals ops/s | exchange, identity | exchange, gzip |")
print("|---|---|---:|---:|---:|")
for (shape, variant), s in sorted(rows.items()):
    base = s["jacksonEquals"]
    print(f"| {shape} | {variant} | {base:,.0f} | {s['exchangeIdentity'] / base:.2f}x | {s['exchangeGzip'] / base:.2f}x |")
PY
cat "$out/results.md"
