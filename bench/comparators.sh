#!/usr/bin/env bash
# Measures our JSON comparator beside Jackson readTree+equals (the lower bound), JSONassert (STRICT,
# LENIENT) and zjsonpatch on the same generated payloads, in one JMH run, and prints the quality table
# (differences reported vs true differences) from the same code.
# (ExchangeBenchmark is bench/decoding.sh's.) ContractBenchmark (the OpenAPI check beside the Jackson parse) and RuleBenchmark
# (each ML rule's cost on one answer) run here too.
# Usage: bench/comparators.sh [extra JMH options, e.g. -p shape=REST_16K]
# Results: bench/results/comparators-<UTC stamp>/{jmh.json,results.md}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -DskipTests package -pl jmh -am)
out="$root/bench/results/comparators-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
jar="$root/jmh/target/benchmarks.jar"
java -jar "$jar" -e ExchangeBenchmark -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
{
  echo "# Comparator benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo
  java -cp "$jar" dev.shadowparity.jmh.QualityTable --jmh "$out/jmh.json"
} > "$out/results.md"
cat "$out/results.md"
