#!/usr/bin/env bash
# TLS and HTTP/2 rows beside nginx, in one run: clients speak HTTPS (wrk, HTTP/1.1) and h2 (h2load) to
#   nginx-tls-mirror : nginx terminating TLS (and h2), proxying to the primary, ngx_http_mirror to the candidate
#   parity-tls       : parity proxy with proxy.tls, same backends, every pair compared
# Backends are the shared bench's fast nginx (2 KB JSON), plain HTTP/1.1, on loopback.
# Usage: bench/tls-h2.sh [--duration 10] [--conns "50 100"] [--warmup 5] [--streams 10]
# Results: bench/results/<UTC stamp>-tls-h2/results.md. Every run is bounded (timeout); every process is stopped by PID.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/backends.sh"
DURATION=10; CONNS="50 100"; WARMUP=5; STREAMS=10
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --conns) CONNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --streams) STREAMS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v h2load >/dev/null || { apt-get update -qq && apt-get install -y -qq nghttp2-client >/dev/null; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
(cd "$root" && mvn -B -q -DskipTests package)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/results/$stamp-tls-h2"
mkdir -p "$out/tmp"
cp "$root/cli/target/parity.jar" "$out/parity.jar"
PRIMARY=18281 CANDIDATE=18282 NGINX=18291 PARITY=18280 PATH_Q=/api/items/42?view=full
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  [[ -f $out/front.pid ]] && kill "$(cat "$out/front.pid")" 2>/dev/null || true
  stop_backends "$out/backends"
}
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$out/key.pem" -out "$out/cert.pem" 2>/dev/null
start_backends "$out/backends" $PRIMARY $CANDIDATE

cat > "$out/front.conf" <<CONF
worker_processes auto;
pid $out/front.pid;
error_log $out/front.error.log error;
events { worker_connections 8192; }
http {
  access_log off; server_tokens off; default_type application/json; keepalive_requests 10000000;
  client_body_temp_path $out/tmp; proxy_temp_path $out/tmp; fastcgi_temp_path $out/tmp;
  uwsgi_temp_path $out/tmp; scgi_temp_path $out/tmp;
  upstream primary { server 127.0.0.1:$PRIMARY; keepalive 256; keepalive_requests 10000000; }
  upstream candidate { server 127.0.0.1:$CANDIDATE; keepalive 256; keepalive_requests 10000000; }
  server {
    listen 127.0.0.1:$NGINX ssl http2 backlog=4096;
    ssl_certificate $out/cert.pem; ssl_certificate_key $out/key.pem;
    http2_max_concurrent_streams 128;
    location / {
      mirror /__mirror; mirror_request_body on;
      proxy_pass http://primary; proxy_http_version 1.1; proxy_set_header Connection "";
    }
    location = /__mirror {
      internal;
      proxy_pass http://candidate\$request_uri; proxy_http_version 1.1; proxy_set_header Connection "";
    }
  }
}
CONF
nginx -c "$out/front.conf" -p "$out"

cat > "$out/parity.yaml" <<YAML
backends:
  primary: { url: "http://127.0.0.1:$PRIMARY" }
  candidate: { url: "http://127.0.0.1:$CANDIDATE" }
proxy: { listen: "127.0.0.1:$PARITY", admin: "127.0.0.1:0", tls: { cert: cert.pem, key: key.pem } }
YAML
java -Xmx2g -jar "$out/parity.jar" proxy --config "$out/parity.yaml" --out "$out/parity-run" > "$out/parity.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do grep -q "proxy     listening" "$out/parity.log" 2>/dev/null && break; sleep 0.1; done
grep -q "proxy     listening" "$out/parity.log" || { echo "parity did not start:"; cat "$out/parity.log"; exit 1; }
grep "^tls" "$out/parity.log" || true

wrk_row() { # name port conns -> "req/s p99ms"
  wrk_figures "https://127.0.0.1:$2$PATH_Q" "$3" "$out/$1-https-c$3.txt"
}
h2_row() { # name port conns -> "req/s meanms"
  local r
  r=$(timeout $((DURATION + 30)) h2load -t2 -c"$3" -m"$STREAMS" -D"$DURATION" "https://127.0.0.1:$2$PATH_Q" 2>&1)
  echo "$r" > "$out/$1-h2-c$3.txt"
  local rps mean
  rps=$(awk '/^finished in/ {gsub(",",""); print $4}' <<<"$r")
  mean=$(awk '$1=="time" && $2=="for" && $3=="request:" {v=$6; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$r")
  echo "$rps ${mean:-?}"
}

echo "warm-up ${WARMUP}s each ..."
for port in $NGINX $PARITY; do
  timeout $((WARMUP + 20)) wrk -t2 -c50 -d"${WARMUP}s" "https://127.0.0.1:$port$PATH_Q" > /dev/null
  timeout $((WARMUP + 20)) h2load -t2 -c50 -m"$STREAMS" -D"$WARMUP" "https://127.0.0.1:$port$PATH_Q" > /dev/null 2>&1
done

{
  echo "# TLS and h2 beside nginx ($stamp, ${DURATION}s per row, warm-up ${WARMUP}s per proxy per protocol)"
  echo
  echo "| row | conns | nginx-tls-mirror req/s | parity-tls req/s | ratio | nginx latency ms | parity latency ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} > "$out/results.md"
for c in $CONNS; do
  read -r nr np <<<"$(wrk_row nginx $NGINX "$c")"
  read -r pr pp <<<"$(wrk_row parity $PARITY "$c")"
  echo "| https (wrk, HTTP/1.1; latency p99) | $c | $nr | $pr | $(awk -v a="$pr" -v b="$nr" 'BEGIN{printf "%.2fx", a/b}') | $np | $pp |" >> "$out/results.md"
  read -r nr np <<<"$(h2_row nginx $NGINX "$c")"
  read -r pr pp <<<"$(h2_row parity $PARITY "$c")"
  echo "| h2 (h2load, $STREAMS streams per connection; latency mean) | $c | $nr | $pr | $(awk -v a="$pr" -v b="$nr" 'BEGIN{printf "%.2fx", a/b}') | $np | $pp |" >> "$out/results.md"
done
kill -TERM "${pids[0]}" 2>/dev/null || true
wait "${pids[0]}" 2>/dev/null || true
pids=()
echo >> "$out/results.md"
grep -E "^(endpoint|GET|verdict)" "$out/parity.log" | sed 's/^/    /' >> "$out/results.md" || true
cat "$out/results.md"
