#!/usr/bin/env python3
"""The load of scripts/restart-after-kill.sh (docs/BENCHMARKS.md, "restart after kill -9").

C chains of L steps (each step reads the previous step's output), START + COMPLETE per run, with
some variety (every fifth chain without a code version: BLOCK and UPSTREAM_BLOCKED below; in
another fifth the first step runs again: SUPERSEDED_INPUT, NONDETERMINISTIC), posted to ingest as
JSON arrays of B events (one Kafka transaction each) from T threads. A batch that fails (the stack
is down) is retried until acknowledged; an acknowledged batch is noted in acked.txt and never sent
again, also by a later run of this script in the same directory (the client resuming after the
restart). Writes the output digests to digests.txt.

  restart-load.py send URL C L B T [delay_s]
  restart-load.py verdicts URL digests.txt out.json
  restart-load.py compare a.json b.json
"""
import hashlib, json, sys, threading, time, urllib.request, urllib.error, uuid

def digest(s):
    return "sha256:" + hashlib.sha256(s.encode()).hexdigest()

def run_events(c, s, rerun=False):
    # variety: c % 5 == 1 runs without a code version (BLOCK, then UPSTREAM_BLOCKED below);
    # c % 5 == 2 has its first step run again with other bytes (step 1 read a SUPERSEDED_INPUT)
    tag = "rerun" if rerun else ""
    run_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"chain{c}/step{s}{tag}"))
    t = f"2026-11-22T10:{s:02d}:{10 if rerun else 0:02d}Z"
    t2 = f"2026-11-22T10:{s:02d}:{45 if rerun else 30:02d}Z"
    inputs = [] if s == 0 else [{"name": f"s3://load/c{c}/s{s-1}", "digest": digest(f"c{c}s{s-1}")}]
    inputs.append({"name": "s3://raw/source", "digest": digest("raw"), "producedAt": "2026-11-22T09:00:00Z"})
    base = {"run": {"runId": run_id, "pipeline": f"chain{c}", "step": f"step{s}", "owner": "load", "attempt": 1},
            "code": {"repository": "https://git.example/load.git", "version": "abc123", "dirty": False},
            "config": {"digest": digest(f"cfg{c}"), "parameters": {"c": str(c)}},
            "seed": 7,
            "environment": {"digest": digest("env"), "image": "img@" + digest("env")},
            "inputs": inputs, "producer": "https://lineage-gate.dev/load"}
    if c % 5 == 1:
        base["code"] = {"repository": "https://git.example/load.git"}
    out = f"c{c}s{s}" + ("v2" if rerun else "")
    start = dict(base, eventId=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{run_id}/start")), eventType="START", eventTime=t)
    complete = dict(base, eventId=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{run_id}/complete")), eventType="COMPLETE",
                    eventTime=t2, outputs=[{"name": f"s3://load/c{c}/s{s}", "digest": digest(out), "sizeBytes": 10}])
    return [start, complete], digest(out)

def post(url, body):
    req = urllib.request.Request(url + "/v1/events", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=15) as r:
        return r.status

def send(url, C, L, B, T, delay):
    events, digests = [], []
    # step-major order: every chain advances one step at a time, so the graph keeps working
    for s in range(L):
        for c in range(C):
            ev, d = run_events(c, s)
            events += ev
            digests.append(d)
            if s == 1 and c % 5 == 2:
                ev, d = run_events(c, 0, rerun=True)
                events += ev
                digests.append(d)
    with open("digests.txt", "w") as f:
        f.write("\n".join(digests) + "\n")
    batches = [events[i:i + B] for i in range(0, len(events), B)]
    # a batch acknowledged (202) is never sent again: a resumed run sends only the rest
    try:
        acked = {int(l) for l in open("acked.txt") if l.strip()}
    except FileNotFoundError:
        acked = set()
    ackf = open("acked.txt", "a")
    lock = threading.Lock()
    todo = [i for i in range(len(batches)) if i not in acked]
    nxt = [0]
    def worker():
        while True:
            with lock:
                if nxt[0] >= len(todo):
                    return
                i = todo[nxt[0]]; nxt[0] += 1
            body = json.dumps(batches[i]).encode()
            while True:
                try:
                    if post(url, body) == 202:
                        with lock:
                            ackf.write(f"{i}\n"); ackf.flush()
                        break
                except Exception as e:
                    pass
                time.sleep(0.2)
            if delay:
                time.sleep(delay)
            if i % 20 == 0:
                print(f"{time.time():.3f} batch {i}/{len(batches)}", flush=True)
    ts = [threading.Thread(target=worker) for _ in range(T)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print(f"{time.time():.3f} sent {len(todo)} of {len(batches)} batches ({len(events)} events, {len(digests)} artifacts)", flush=True)

def verdicts(url, path, out):
    digests = [l.strip() for l in open(path) if l.strip()]
    res = {}
    for d in digests:
        try:
            with urllib.request.urlopen(f"{url}/v1/artifacts/{d}/verdict", timeout=15) as r:
                res[d] = json.loads(r.read())
        except urllib.error.HTTPError as e:
            res[d] = {"http": e.code}
    json.dump(res, open(out, "w"), indent=1, sort_keys=True)
    print(len([v for v in res.values() if "status" in v]), "verdicts of", len(digests))

def compare(path_a, path_b):
    """Verdicts equal but for evaluatedAt and sequence, which follow the timing of the run."""
    a = json.load(open(path_a))
    b = json.load(open(path_b))
    def norm(v):
        return {k: x for k, x in v.items() if k not in ("evaluatedAt", "sequence")}
    missing = [d for d in b if "status" not in a.get(d, {})]
    differ = [d for d in b if norm(a.get(d, {})) != norm(b[d])]
    print(f"{len(a)} vs {len(b)} artifacts: {len(missing)} missing, {len(differ)} differ"
          " (evaluatedAt and sequence aside)")
    return 0 if not missing and not differ else 1

if __name__ == "__main__":
    a = sys.argv
    if a[1] == "send":
        send(a[2], int(a[3]), int(a[4]), int(a[5]), int(a[6]), float(a[7]) if len(a) > 7 else 0)
    elif a[1] == "verdicts":
        verdicts(a[2], a[3], a[4])
    else:
        sys.exit(compare(a[2], a[3]))
