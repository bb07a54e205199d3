#!/usr/bin/env bash
# Soak: `parity proxy` with -Xmx512m in front of two nginx backends (2 KB JSON, 100% mirrored, every pair compared),
# wrk at 100 connections for DURATION seconds (default 1800). Samples the proxy's RSS and CPU every 10 s and prints the
# curve, the plateau (min/max RSS after the first minute) and wrk's errors. A benchmark, not a test: nothing asserts.
# Usage: bench/soak.sh [DURATION_SECONDS]      Results: bench/results/soak-<UTC stamp>/{rss.tsv,wrk.txt,results.md}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=${1:-1800}
out="$root/bench/results/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
(cd "$root" && mvn -B -q -o -DskipTests package -pl cli -am)
cp "$root/cli/target/parity.jar" "$out/parity.jar"
source "$root/bench/backends.sh"
start_backends "$out/nginx" 18181 18182
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_backends "$out/nginx"; }
trap cleanup EXIT
java -Xmx512m -jar "$out/parity.jar" proxy --listen 127.0.0.1:18180 --admin 127.0.0.1:19190 \
  --primary http://127.0.0.1:18181 --candidate http://127.0.0.1:18182 --out "$out/run" > "$out/proxy.log" 2>&1 &
proxy=$!
pids+=("$proxy")
for _ in $(seq 1 100); do grep -q "proxy     listening" "$out/proxy.log" 2>/dev/null && break; sleep 0.2; done
timeout $((duration + 30)) wrk -t2 -c100 -d"${duration}s" --timeout 2s --latency http://127.0.0.1:18180/api/items/42 > "$out/wrk.txt" 2>&1 &
wrk=$!
pids+=("$wrk")
printf 'seconds\trss_mib\tcpu_pct\n' > "$out/rss.tsv"
start=$(date +%s)
ticks0=$(awk '{print $14+$15}' /proc/$proxy/stat)
while kill -0 "$wrk" 2>/dev/null; do
  sleep 10
  kill -0 "$proxy" 2>/dev/null || { echo "the proxy died" >> "$out/rss.tsv"; break; }
  now=$(( $(date +%s) - start ))
  ticks=$(awk '{print $14+$15}' /proc/$proxy/stat)
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$proxy/status)
  printf '%s\t%s\t%s\n' "$now" "$rss" $(( (ticks - ticks0) * 100 / 10 / $(getconf CLK_TCK) )) >> "$out/rss.tsv"
  ticks0=$ticks
done
wait "$wrk" || true
curl -s http://127.0.0.1:19190/metrics | grep -E '^parity_(requests_total|mirrored_total|exchanges_total|mirror_buffered|exchange_log)' > "$out/metrics.txt" || true
{
  echo "# Soak, $(date -u +%Y-%m-%dT%H:%MZ), ${duration} s at 100 connections, -Xmx512m, $(nproc) cores"
  echo
  echo '```'; grep -E "Requests/sec|requests in|Socket errors|Non-2xx|99%" "$out/wrk.txt"; echo '```'
  awk -F'\t' 'NR > 1 && $1 >= 60 { if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2; n++; last = $2 }
    END { printf "RSS after the first minute: min %s MiB, max %s MiB, last %s MiB (%d samples)\n", min, max, last, n }' "$out/rss.tsv"
  echo
  echo "RSS curve (MiB, every 10 s):"
  awk -F'\t' 'NR > 1 { printf "%s ", $2 } END { print "" }' "$out/rss.tsv"
  echo
  echo '```'; cat "$out/metrics.txt"; echo '```'
} > "$out/results.md"
cat "$out/results.md"
