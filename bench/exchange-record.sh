#!/usr/bin/env bash
# Measures what a proxy writes for each exchange answered alike (the Kafka record a publishing proxy sends, the
# exchanges.jsonl line a comparing one appends) beside Jackson's readTree of the 2 KB body, in one JMH run, and prints
# each rate as a ratio of the parse's.
# Usage: bench/exchange-record.sh [extra JMH options, e.g. -p client=BROWSER -f 2]
# Results: bench/results/exchange-record-<UTC stamp>/{jmh.json,results.md}
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jmh-run.sh"
run_jmh exchange-record ExchangeRecordBenchmark "$@"
python3 - "$out/jmh.json" > "$out/results.md" <<'PY'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    rows.setdefault(r["params"]["client"], {})[r["benchmark"].rsplit(".", 1)[1]] = r["primaryMetric"]["score"]
print("| request from | jacksonReadTree ops/s | published record | exchanges.jsonl line |")
print("|---|---:|---:|---:|")
for client, s in sorted(rows.items()):
    base = s["jacksonReadTree"]
    print(f"| {client} | {base:,.0f} | {s['publishedRecord'] / base:.2f}x | {s['logLine'] / base:.2f}x |")
PY
cat "$out/results.md"
