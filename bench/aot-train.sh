#!/usr/bin/env bash
# Trains a JDK 25 ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles) for a parity
# jar on the bench's workload: the proxy in front of two nginx backends, every request mirrored and compared, wrk at
# 50 connections for TRAIN_SECONDS (default 20), then SIGTERM; the JVM writes JAR's cache (parity.aot beside it) as
# it exits. A cache is only used with the same JDK and the same jar: train again after every build.
# Usage: bench/aot-train.sh [JAR] [JAVA]   (defaults: cli/target/parity.jar, Temurin 25 under /usr/lib/jvm)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar=$(realpath "${1:-$root/cli/target/parity.jar}")
java=${2:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)}
[[ -x $java ]] || { echo "aot-train: no JDK 25 java given or found under /usr/lib/jvm" >&2; exit 2; }
cache="${jar%.jar}.aot"
work=$(mktemp -d)
source "$root/bench/backends.sh"
trap 'stop_backends "$work/nginx"; [[ -n ${proxy:-} ]] && kill "$proxy" 2>/dev/null; rm -rf "$work"' EXIT
start_backends "$work/nginx" 18281 18282
rm -f "$cache"
"$java" -XX:AOTCacheOutput="$cache" -Xmx512m -jar "$jar" proxy --listen 127.0.0.1:18280 --admin 127.0.0.1:19290 \
  --primary http://127.0.0.1:18281 --candidate http://127.0.0.1:18282 --out "$work/run" > "$work/proxy.log" 2>&1 &
proxy=$!
for _ in $(seq 1 150); do grep -q "proxy     listening" "$work/proxy.log" 2>/dev/null && break; sleep 0.2; done
timeout $(( ${TRAIN_SECONDS:-20} + 10 )) wrk -t2 -c50 -d"${TRAIN_SECONDS:-20}s" http://127.0.0.1:18280/api/items/42 > "$work/wrk.txt" 2>&1 || true
kill -TERM "$proxy"
for _ in $(seq 1 600); do kill -0 "$proxy" 2>/dev/null || break; sleep 0.2; done
proxy=
[[ -f $cache ]] || { echo "aot-train: no cache written; the proxy said:" >&2; tail -20 "$work/proxy.log" >&2; exit 1; }
echo "aot-train: $cache ($(du -h "$cache" | cut -f1)), trained on $(grep -o '[0-9]* requests in' "$work/wrk.txt" | head -1)"
