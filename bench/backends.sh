# Sourced by the bench scripts: two nginx backends on loopback answering the shared bench's 2 KB JSON body.
# start_backends DIR PORT... starts one nginx per port with its files under DIR; stop_backends DIR stops them.
start_backends() {
  local dir=$1; shift
  # a fresh machine has no nginx: Debian's, as the shared mirror bench uses
  command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
  local body
  body=$(tr -d '\n' < "$(dirname "${BASH_SOURCE[0]}")/../../shared/bench/mirror-bench/body.json")
  mkdir -p "$dir/tmp"
  for port in "$@"; do
    cat > "$dir/$port.conf" <<CONF
worker_processes 1;
pid $dir/$port.pid;
error_log $dir/$port.error.log error;
events { worker_connections 8192; }
http {
  access_log off; default_type application/json; keepalive_requests 10000000;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  server { listen 127.0.0.1:$port backlog=4096; location / { return 200 '$body'; } }
}
CONF
    nginx -c "$dir/$port.conf" -p "$dir"
  done
}

stop_backends() {
  local dir=$1
  for pid in "$dir"/*.pid; do [[ -f $pid ]] && kill "$(cat "$pid")" 2>/dev/null; done
  return 0
}

# wrk_figures URL CONNS FILE: wrk for $DURATION seconds at CONNS connections (bounded by timeout), its output kept in
# FILE; prints "req/s p99ms" (p99 "?" when wrk printed none).
wrk_figures() {
  local r rps p99
  r=$(timeout $((DURATION + 30)) wrk -t2 -c"$2" -d"${DURATION}s" --latency --timeout 2s "$1")
  echo "$r" > "$3"
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$r")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$r")
  echo "$rps ${p99:-?}"
}
