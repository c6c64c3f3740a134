#!/usr/bin/env bash
# Restart of the embedded stack after kill -9 (docs/BENCHMARKS.md, "restart after kill -9").
#
#   scripts/restart-after-kill.sh MODE DATA_DIR [KILL_AFTER_S]
#
# MODE  kill     `up`, a stream of batches through ingest, kill -9 of the stack KILL_AFTER_S (6) s
#                into it, `up` again on the same data directory (timed), the client sends what was
#                not acknowledged, the verdicts are collected
#       idle     the same, but kill -9 once every event is judged (no backlog to work through)
#       clean    the same, but SIGTERM once every event is judged (the clean restart, for reference)
#       control  no restart: the verdicts of a clean run, to compare with (CONTROL=DIR/verdicts.json)
#
# Prints the seconds from `up` to all three /healthz answering 200 and to the verdict of a new
# event, then compares the verdicts with $CONTROL if set. Uses the stack as built in stack/target
# (bin/lineage-gate builds it; so does `mvn -pl stack -am package -DskipTests`). Load: CHAINS
# (360) x STEPS (4) runs in batches of BATCH (20) events from THREADS (2) clients, DELAY (0.1) s
# between batches per client. Ports: 18180-18182 (services), 18185 (registry), 19192-19193 (Kafka).
set -u
MODE=$1
D=$(mkdir -p "$2" && cd "$2" && pwd)
KILL_AFTER=${3:-6}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOAD="python3 $ROOT/scripts/restart-load.py"
ARGS="${CHAINS:-360} ${STEPS:-4} ${BATCH:-20} ${THREADS:-2} ${DELAY:-0.1}"
PORTS="--kafka-port 19192 --controller-port 19193 --registry-port 18185 --ingest-port 18180
  --lineage-port 18181 --gate-port 18182"
CP="$ROOT/stack/target/classes:$(cat "$ROOT/stack/target/classpath")"
cd "$D"

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
up() {
  # shellcheck disable=SC2086 # PORTS is a list of options on purpose
  java -Xmx1g -cp "$CP" dev.lineagegate.stack.StackCli up --data-dir "$D" $PORTS >>"$D/up.out" 2>&1 &
  echo $! >"$D/pid"
}
alive() { kill -0 "$(cat "$D/pid")" 2>/dev/null; }
healthy() {
  for p in 18180 18181 18182; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$p/healthz")" = 200 ] || return 1
  done
}
canary() { # one new event (its own run and output), then its verdict
  local id dg
  id=$(cat /proc/sys/kernel/random/uuid)
  dg="sha256:$(printf %s "$id" | sha256sum | cut -d' ' -f1)"
  local ev="{\"eventId\":\"$id\",\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-11-22T10:00:00Z\",\"run\":{\"runId\":\"$id\",\"step\":\"canary\"},\"outputs\":[{\"name\":\"canary\",\"digest\":\"$dg\"}]}"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' -d "$ev" http://127.0.0.1:18180/v1/events)" = 202 ]; do sleep 0.1; done
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:18181/v1/artifacts/$dg/verdict")" = 200 ]; do sleep 0.1; done
}
timed_up() { # up, then the seconds to healthy and to a new event's verdict
  local t0 healthy_s n=0
  t0=$(now)
  up
  until healthy; do
    sleep 0.1
    n=$((n + 1))
    if [ $n -gt 1800 ] || ! alive; then echo "NOT HEALTHY within 180 s (see $D/up.out)"; stop; exit 1; fi
  done
  healthy_s=$(since "$t0")
  canary
  echo "healthy $healthy_s s, new event judged $(since "$t0") s after up (load average $(cut -d' ' -f1 /proc/loadavg))"
}
settle() { # until the verdicts stop changing
  local prev="" cur
  while true; do
    $LOAD verdicts http://127.0.0.1:18181 digests.txt verdicts.json >/dev/null
    cur=$(md5sum <verdicts.json)
    [ "$cur" = "$prev" ] && break
    prev=$cur
    sleep 5
  done
}
stop() { kill -TERM "$(cat "$D/pid")"; while alive; do sleep 0.2; done; }
await_ports_free() { while ss -ltn | grep -qE ':(18180|18181|18182|18185|19192|19193) '; do sleep 0.2; done; }

rm -f acked.txt
timed_up >/dev/null
# shellcheck disable=SC2086 # ARGS is a list of arguments on purpose
$LOAD send http://127.0.0.1:18180 $ARGS >load.txt 2>&1 &
LP=$!
case "$MODE" in
  kill)
    sleep "$KILL_AFTER"
    kill -9 "$(cat "$D/pid")" "$LP"
    wait "$LP" 2>/dev/null
    echo "killed -9 mid-stream, $(wc -l <acked.txt) batches acknowledged before"
    await_ports_free
    timed_up
    # shellcheck disable=SC2086
    $LOAD send http://127.0.0.1:18180 $ARGS >>load.txt 2>&1 # the client resumes
    ;;
  idle | clean)
    wait "$LP"
    settle
    if [ "$MODE" = idle ]; then kill -9 "$(cat "$D/pid")"; echo "killed -9 with everything judged"; else stop; echo "stopped (SIGTERM)"; fi
    await_ports_free
    timed_up
    ;;
  control) wait "$LP" ;;
esac
settle
$LOAD verdicts http://127.0.0.1:18181 digests.txt verdicts.json
stop
if [ -n "${CONTROL:-}" ]; then $LOAD compare verdicts.json "$CONTROL"; fi
