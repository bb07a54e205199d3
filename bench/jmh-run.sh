# Sourced by the JMH bench scripts: run_jmh NAME BENCHMARK [JMH options...] builds the jmh module, runs BENCHMARK
# (one JMH run, its JSON kept) and sets $out to bench/results/NAME-<UTC stamp>, holding jmh.json and jmh.txt.
run_jmh() {
  local name=$1 benchmark=$2; shift 2
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  (cd "$root" && mvn -B -q -DskipTests package -pl jmh -am)
  out="$root/bench/results/$name-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$out"
  java -jar "$root/jmh/target/benchmarks.jar" "$benchmark" -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
}
