#!/usr/bin/env bash
# Measures a whole exchange through the comparator with identity-coded and with gzip'd answers beside the
# Jackson readTree+equals lower bound on the same bodies, in one JMH run, and prints each as a ratio of it.
# Usage: bench/decoding.sh [extra JMH options, e.g. -p shape=REST_16K -f 2]
# Results: bench/results/decoding-<UTC stamp>/{jmh.json,results.md}
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jmh-run.sh"
run_jmh decoding ExchangeBenchmark "$@"
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
