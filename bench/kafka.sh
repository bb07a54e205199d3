#!/usr/bin/env bash
# Publishing to Kafka beside comparing in the proxy, in one run, and the workers' rate:
#   parity-compare : parity proxy, every pair compared in the process (the default)
#   parity-publish : parity proxy --publish, every pair published to a local KRaft broker instead
# then the topic those rows filled is judged by one worker, and again by two workers of another group.
# Backends are the shared bench's fast nginx (2 KB JSON), on loopback; the broker runs on the same two cores.
# Usage: bench/kafka.sh [--duration 10] [--conns "50 100"] [--warmup 10]
# Results: bench/results/<UTC stamp>-kafka/results.md. Every run is bounded (timeout); every process is stopped by PID.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/backends.sh"
DURATION=10; CONNS="50 100"; WARMUP=10
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --conns) CONNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
(cd "$root" && mvn -B -q -DskipTests install)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/results/$stamp-kafka"
mkdir -p "$out"
cp "$root/cli/target/parity.jar" "$out/parity.jar"
(cd "$root/kafka" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/broker.cp")
PRIMARY=18381 CANDIDATE=18382 COMPARE=18380 PUBLISH=18390 KAFKA=18392 CONTROLLER=18393 PATH_Q=/api/items/42?view=full
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  [[ -n ${broker:-} ]] && kill "$broker" 2>/dev/null || true
  stop_backends "$out/backends"
}
trap cleanup EXIT
start_backends "$out/backends" $PRIMARY $CANDIDATE

cat > "$out/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA,CONTROLLER://127.0.0.1:$CONTROLLER
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$out/kafka-data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cp="$(cat "$out/broker.cp")"
java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid | tail -1)" \
  -c "$out/server.properties" > "$out/format.log" 2>&1
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$cp" kafka.Kafka "$out/server.properties" > "$out/broker.log" 2>&1 &
broker=$!
for _ in $(seq 1 600); do grep -q "Transition from STARTING to STARTED" "$out/broker.log" 2>/dev/null && break; sleep 0.1; done
grep -q "Transition from STARTING to STARTED" "$out/broker.log" || { echo "the broker did not start:"; tail "$out/broker.log"; exit 1; }

cat > "$out/parity.yaml" <<YAML
backends:
  primary: { url: "http://127.0.0.1:$PRIMARY" }
  candidate: { url: "http://127.0.0.1:$CANDIDATE" }
proxy: { admin: "127.0.0.1:0" }
YAML
start_proxy() { # name port extra-args...
  local name=$1 port=$2; shift 2
  java -Xmx2g ${PROXY_OPTS:-} -jar "$out/parity.jar" proxy --config "$out/parity.yaml" --listen 127.0.0.1:$port "$@" \
    --out "$out/$name-run" > "$out/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do grep -q "proxy     listening" "$out/$name.log" 2>/dev/null && break; sleep 0.1; done
  grep -q "proxy     listening" "$out/$name.log" || { echo "$name did not start:"; cat "$out/$name.log"; exit 1; }
}
start_proxy compare $COMPARE
start_proxy publish $PUBLISH --publish kafka://127.0.0.1:$KAFKA/bench --name bench-proxy

cpu_s() { # pid -> CPU seconds used so far (user + system)
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}
wrk_row() { # name port conns -> "req/s p99ms"
  wrk_figures "http://127.0.0.1:$2$PATH_Q" "$3" "$out/$1-c$3.txt"
}
echo "warm-up ${WARMUP}s each ..."
for port in $COMPARE $PUBLISH; do
  timeout $((WARMUP + 20)) wrk -t2 -c50 -d"${WARMUP}s" "http://127.0.0.1:$port$PATH_Q" > /dev/null
done
{
  echo "# Publishing to Kafka beside comparing in the proxy ($stamp, ${DURATION}s per row, warm-up ${WARMUP}s each)"
  echo
  echo "| conns | parity-compare req/s | parity-publish req/s | ratio | compare p99 ms | publish p99 ms | compare proxy CPU µs/req | publish proxy CPU µs/req | broker CPU µs/req |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$out/results.md"
per_req() { awk -v a="$1" -v b="$2" -v r="$3" -v d="$DURATION" 'BEGIN{printf "%.0f", (b - a) * 1e6 / (r * d)}'; }
for c in $CONNS; do
  c0=$(cpu_s "${pids[0]}")
  read -r cr cp99 <<<"$(wrk_row compare $COMPARE "$c")"
  c1=$(cpu_s "${pids[0]}"); p0=$(cpu_s "${pids[1]}"); b0=$(cpu_s "$broker")
  read -r pr pp99 <<<"$(wrk_row publish $PUBLISH "$c")"
  p1=$(cpu_s "${pids[1]}"); b1=$(cpu_s "$broker")
  echo "| $c | $cr | $pr | $(awk -v a="$pr" -v b="$cr" 'BEGIN{printf "%.2fx", a/b}') | $cp99 | $pp99 | $(per_req "$c0" "$c1" "$cr") | $(per_req "$p0" "$p1" "$pr") | $(per_req "$b0" "$b1" "$pr") |" >> "$out/results.md"
done
for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()
grep "^published" "$out/publish.log" | sed 's/^/    /' >> "$out/results.md" || true

workers() { # group count -> "records seconds"
  local group=$1 n=$2 start end total=0
  start=$(date +%s.%N)
  local wp=()
  for i in $(seq 1 "$n"); do
    timeout 600 java -Xmx1g -jar "$out/parity.jar" worker --from kafka://127.0.0.1:$KAFKA/bench --group "$group" \
      --config "$out/parity.yaml" --name "$group-$i" --idle-exit 5s > "$out/$group-$i.log" 2>&1 &
    wp+=($!)
  done
  for p in "${wp[@]}"; do wait "$p" || true; done
  end=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    total=$((total + $(awk '/stopped:/ {print $3}' "$out/$group-$i.log")))
  done
  # the last 5 s (or more, the group's idle exit) were spent waiting for nothing
  echo "$total $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b - a - 5}')"
}
{
  echo
  echo "| workers | records judged | seconds (start to caught up, JVM start included) | records/s |"
  echo "|---:|---:|---:|---:|"
} >> "$out/results.md"
for n in 1 2; do
  read -r recs secs <<<"$(workers "judge-$n" "$n")"
  echo "| $n | $recs | $secs | $(awk -v a="$recs" -v b="$secs" 'BEGIN{printf "%.0f", a/b}') |" >> "$out/results.md"
done
cat "$out/results.md"
