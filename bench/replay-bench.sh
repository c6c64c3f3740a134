#!/bin/bash
# bench/replay-bench.sh [EVENTS] [native|openlineage] [TAG]: `lineage-gate replay`, end to end
# (docs/BENCHMARKS.md, "replay"). Generates EVENTS events (ReplayFiles), starts a fresh
# `lineage-gate up` on ports BASE+80… (BASE from REPLAY_BENCH_PORT_BASE, default 27000), replays
# the file with the replay JVM as bin/lineage-gate runs it (-Xmx256m, serial GC) under
# /usr/bin/time -v (peak RSS), then waits until lineage-stream has a verdict for every output of
# the last ten pipelines, then of every 1000th pipeline as well (verdicts do not come in file
# order: the topology works through partitions and supersede cascades side by side). Prints the figures; stops the stack; deletes the file
# and the data directory unless KEEP=1. Build first: mvn -B -o -q -pl bench -am package -DskipTests
set -euo pipefail
events=${1:-1000000}
format=${2:-native}
tag=${3:-replay-$(date +%s)}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${REPLAY_BENCH_DIR:-/tmp/replay-bench}
base=${REPLAY_BENCH_PORT_BASE:-27000}
ingest=$((base + 80)) lineage=$((base + 81))
mkdir -p "$work/cp"

# A copy of the class path: a build during the run must not swap jars under the stack.
cp="$work/cp/bench.jar"
cp "$root/bench/target/bench-0.1.0-SNAPSHOT.jar" "$work/cp/bench.jar"
n=0
for jar in $(tr ':' '\n' < "$root/bench/target/classpath"); do
  n=$((n + 1)); copy="$work/cp/$(printf '%03d' $n)-$(basename "$jar")"
  cp "$jar" "$copy"; cp="$cp:$copy"
done

file="$work/$tag-$format.ndjson"
java -cp "$cp" dev.lineagegate.bench.replay.ReplayFiles "$file" "$events" "$format" "$tag"
pipelines=$(( (events + 7) / 8 ))

data="$work/$tag-data"
rm -rf "$data"
java -Xmx1g -Dlineagegate.apicurio.home="$root/stack/target/apicurio" -cp "$cp" \
  dev.lineagegate.stack.StackCli up --data-dir "$data" --kafka-port $((base + 92)) \
  --controller-port $((base + 93)) --registry-port $((base + 85)) --ingest-port "$ingest" \
  --lineage-port "$lineage" --gate-port $((base + 82)) > "$work/$tag-stack.log" 2>&1 &
stack=$!
trap 'kill $stack 2>/dev/null; wait $stack 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$data" "$file"' EXIT
until curl -sf "http://127.0.0.1:$ingest/healthz" > /dev/null \
  && curl -s -o /dev/null "http://127.0.0.1:$lineage/v1/alerts"; do sleep 2; done
sleep 10 # let the services settle after start (topics, schemas, stream threads)

outputs() {
  for k in "$@"; do
    for s in 0 1 2 3; do printf '%s/artifact/%d/%d' "$tag" "$k" "$s" | sha256sum | cut -c1-64; done
  done
}
last=$(outputs $(seq $((pipelines > 10 ? pipelines - 10 : 0)) $((pipelines - 1))))
sampled=$(outputs $(seq 0 1000 $((pipelines - 1))))
without() { # how many of the digests given have no verdict yet
  local missing=0
  for d in "$@"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$lineage/v1/artifacts/sha256:$d/verdict")
    [ "$code" = 200 ] || missing=$((missing + 1))
  done
  echo $missing
}

echo "load at start: $(uptime)"
start=$(date +%s.%N)
/usr/bin/time -v java -Xmx256m -XX:+UseSerialGC -cp "$cp" dev.lineagegate.stack.StackCli replay \
  --ingest-url "http://127.0.0.1:$ingest" --progress plain "$file" 2> >(tee "$work/$tag-replay.log" >&2)
sent=$(date +%s.%N)
deadline=$(( $(date +%s) + ${REPLAY_BENCH_WAIT:-31536000} ))
judged() { # how many sampled outputs have a verdict, with the lineage-stream graph backlog
  local lag
  lag=$(curl -s "http://127.0.0.1:$lineage/metrics" | grep -E '^kafka_consumer_fetch_manager_records_lag[{]' \
    | grep -v restore | grep 'topic="lineage.graph.v1"' | awk '{s += $2} END {print s}')
  echo "$(( $(echo "$sampled" | wc -l) - $(without $sampled) )) of $(echo "$sampled" | wc -l) sampled outputs judged, graph backlog $lag"
}
until [ "$(without $last)" = 0 ]; do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "gave up waiting after ${REPLAY_BENCH_WAIT}s: $(judged); load $(uptime | sed 's/.*average: //')"
    grep -E "Maximum resident set size" "$work/$tag-replay.log"
    exit 0
  fi
  if [ "$(date +%s)" -ge "${next:-0}" ]; then
    echo "$(date +%T) $(judged); load $(uptime | sed 's/.*average: //')"
    next=$(( $(date +%s) + 60 ))
  fi
  sleep 2
done
lastdone=$(date +%s.%N)
echo "$(date +%T) the last ten pipelines' outputs have their verdicts; load $(uptime | sed 's/.*average: //')"
while :; do
  missing=$(without $sampled)
  [ "$missing" = 0 ] && break
  echo "$(date +%T) $missing of $(echo "$sampled" | wc -l) sampled outputs without a verdict yet"
  sleep 10
done
end=$(date +%s.%N)
echo "load at end: $(uptime)"
awk -v n="$events" -v s="$start" -v m="$sent" -v l="$lastdone" -v e="$end" 'BEGIN {
  printf "replay JVM: %.1f s (%.0f events/s into ingest)\n", m - s, n / (m - s)
  printf "last outputs judged: %.1f s (%.0f events/s end to end)\n", l - s, n / (l - s)
  printf "every sampled output judged: %.1f s (%.0f events/s)\n", e - s, n / (e - s) }'
grep -E "Maximum resident set size" "$work/$tag-replay.log"
