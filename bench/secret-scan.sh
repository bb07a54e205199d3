#!/usr/bin/env bash
# Measures the secret-name scan a publishing proxy runs over every body (Redactor.couldMaskUtf8) beside Jackson's
# readTree of the same bytes, in one JMH run, and prints the scan's rate as a ratio of the parse's.
# Usage: bench/secret-scan.sh [extra JMH options, e.g. -p body=PROSE -f 2]
# Results: bench/results/secret-scan-<UTC stamp>/{jmh.json,results.md}
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jmh-run.sh"
run_jmh secret-scan SecretScanBenchmark "$@"
python3 - "$out/jmh.json" > "$out/results.md" <<'PY'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    rows.setdefault(r["params"]["body"], {})[r["benchmark"].rsplit(".", 1)[1]] = r["primaryMetric"]["score"]
print("| body | jacksonReadTree ops/s | couldMaskUtf8 ops/s | scan / parse |")
print("|---|---:|---:|---:|")
for body, s in sorted(rows.items()):
    print(f"| {body} | {s['jacksonReadTree']:,.0f} | {s['couldMaskUtf8']:,.0f} | {s['couldMaskUtf8'] / s['jacksonReadTree']:.2f}x |")
PY
cat "$out/results.md"
