#!/usr/bin/env python3
"""Chaos soak of a local 4-validator network (tests/soak/README.md).

Runs `azorad testnet -n 4` with bench accounts, offers transfers at a steady rate to node0
through `azora-bench transfers`, and meanwhile, at random moments drawn from --seed, injects
faults into validators 1..3: kill -9 and restart, SIGSTOP/SIGCONT (a hung or cut-off node),
one or two nodes at a time, for up to --max-fault seconds. Node0 serves the load and is never
faulted. At the end every fault is healed and it checks:
  - every transfer was committed (azora-bench exits 0);
  - all 4 nodes reach one height and hold the same block hash and state root at every height;
  - no evidence was recorded (honest nodes never sign two votes for one height/round/type);
  - the chain advanced while at most one validator was down.
Exit status 0 only if all hold; the network dir is kept on failure.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request


def rpc(url, method, params=None, timeout=5):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    req = urllib.request.Request(url, body.encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        reply = json.load(r)
    if "error" in reply:
        raise RuntimeError(f"{method}: {reply['error']}")
    return reply["result"]


def height(url):
    try:
        return rpc(url, "node_info", timeout=2)["height"]
    except Exception:
        return None


class Network:
    def __init__(self, build, work, log):
        self.build, self.work, self.log = build, work, log
        self.procs = {}
        self.paused = set()
        self.nodes = json.load(open(f"{work}/net/nodes.json"))

    def url(self, k):
        return self.nodes[k]["rpc"]

    def start(self, k):
        out = open(f"{self.work}/net/node{k}/azorad.log", "a")
        self.procs[k] = subprocess.Popen(
            [f"{self.build}/node/azorad", "--datadir", f"{self.work}/net/node{k}"],
            stdout=out, stderr=subprocess.STDOUT)

    def kill9(self, k):
        self.procs[k].send_signal(signal.SIGKILL)
        self.procs[k].wait()
        self.paused.discard(k)

    def pause(self, k):
        self.procs[k].send_signal(signal.SIGSTOP)
        self.paused.add(k)

    def resume(self, k):
        self.procs[k].send_signal(signal.SIGCONT)
        self.paused.discard(k)

    def alive(self, k):
        return self.procs[k].poll() is None

    def stop_all(self):
        for k, p in self.procs.items():
            if p.poll() is None:
                if k in self.paused:
                    p.send_signal(signal.SIGCONT)
                p.send_signal(signal.SIGTERM)
        for p in self.procs.values():
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def make_network(build, work, accounts):
    subprocess.run([f"{build}/node/azorad", "testnet", "-n", "4", "--base-port", "0",
                    "--block-time-ms", "200", "--out", f"{work}/net"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([f"{build}/tests/azora-bench", "genesis", "--accounts", str(accounts),
                    "--out", f"{work}/bench-genesis.json"], check=True, stdout=subprocess.DEVNULL)
    genesis = json.load(open(f"{work}/net/node0/genesis.json"))
    bench = json.load(open(f"{work}/bench-genesis.json"))
    have = {a["address"] for a in genesis["accounts"]}
    genesis["accounts"] += [a for a in bench["accounts"] if a["address"] not in have]
    text = json.dumps(genesis, indent=1) + "\n"
    for k in range(4):
        open(f"{work}/net/node{k}/genesis.json", "w").write(text)
        path = f"{work}/net/node{k}/config.json"
        cfg = json.load(open(path))
        cfg.update(timeout_propose_ms=1000, timeout_propose_delta_ms=250,
                   timeout_prevote_ms=300, timeout_prevote_delta_ms=150,
                   timeout_precommit_ms=300, timeout_precommit_delta_ms=150)
        json.dump(cfg, open(path, "w"), indent=2)


def wait_for(cond, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.2)
    return False


def check_chains(net, log):
    """Same block hash and state root at every height on every node; no evidence."""
    top = min(h for h in (height(net.url(k)) for k in range(4)) if h is not None) - 1
    failures = []
    for h in range(1, top + 1):
        headers = [rpc(net.url(k), "chain_getHeader", [h]) for k in range(4)]
        if len({(x["hash"], x["state_root"]) for x in headers}) != 1:
            failures.append(f"height {h}: nodes disagree: {[x['hash'][:16] for x in headers]}")
    for k in range(4):
        evidence = rpc(net.url(k), "consensus_evidence", {"limit": 1000})["evidence"]
        if evidence:
            failures.append(f"node{k} lists {len(evidence)} evidence records: {evidence[:2]}")
    log(f"checked heights 1..{top} on 4 nodes")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--seconds", type=int, default=300, help="how long faults are injected")
    ap.add_argument("--rate", type=int, default=100, help="transfers/s offered to node0")
    ap.add_argument("--max-fault", type=float, default=12.0, help="longest fault, seconds")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="azora-chaos.")
    t0 = time.monotonic()

    def log(msg):
        print(f"[{time.monotonic() - t0:7.1f}s] {msg}", flush=True)

    log(f"seed {args.seed}, dir {work}")
    make_network(args.build, work, 2000)
    net = Network(args.build, work, log)
    bench = None
    failures = []
    try:
        for k in range(4):
            net.start(k)
        if not wait_for(lambda: all((height(net.url(k)) or 0) >= 3 for k in range(4)), 60):
            raise RuntimeError("the network did not start")
        txs = args.rate * args.seconds
        bench = subprocess.Popen(
            [f"{args.build}/tests/azora-bench", "transfers", "--rpc", net.url(0),
             "--accounts", "2000", "--txs", str(txs), "--rate", str(args.rate),
             "--batch", "10", "--concurrency", "2", "--idle-timeout", "60"],
            stdout=open(f"{work}/bench.log", "w"), stderr=subprocess.STDOUT)
        faults = 0
        stalls = []
        end = time.monotonic() + args.seconds
        while time.monotonic() < end:
            time.sleep(rng.uniform(0.5, 4.0))
            victims = rng.sample([1, 2, 3], 2 if rng.random() < 0.25 else 1)
            kind = rng.choice(["kill", "pause"])
            duration = rng.uniform(0.2, args.max_fault)
            before = height(net.url(0))
            log(f"fault {faults}: {kind} node{victims} for {duration:.1f}s at height {before}")
            for v in victims:
                net.kill9(v) if kind == "kill" else net.pause(v)
            time.sleep(duration)
            during = height(net.url(0))
            for v in victims:
                net.start(v) if kind == "kill" else net.resume(v)
            if len(victims) == 1 and duration > 5 and during is not None and before is not None \
                    and during <= before:
                stalls.append(f"fault {faults}: no block in {duration:.1f}s with one validator down")
            faults += 1
        log(f"{faults} faults injected; healing and waiting for the load to finish")
        code = bench.wait(timeout=args.seconds + 300)
        bench = None
        tail = open(f"{work}/bench.log").read().strip().splitlines()[-1:]
        log(f"azora-bench exit {code}: {tail}")
        if code != 0:
            failures.append(f"azora-bench exited {code}")
        target = (height(net.url(0)) or 0) + 3
        if not wait_for(lambda: all((height(net.url(k)) or 0) >= target for k in range(4)), 120):
            failures.append(f"not every node reached height {target}: "
                            f"{[height(net.url(k)) for k in range(4)]}")
        failures += stalls
        failures += check_chains(net, log)
    except Exception as e:  # a crash of the harness is a failure too
        failures.append(f"harness: {e!r}")
    finally:
        if bench is not None:
            bench.kill()
        for k in range(4):
            if k in net.procs and not net.alive(k):
                failures.append(f"node{k} exited on its own: code {net.procs[k].returncode}")
        net.stop_all()
    if failures:
        print("FAILED (seed %d), dir kept: %s" % (args.seed, work))
        for f in failures:
            print("  " + f)
        return 1
    print(f"OK (seed {args.seed})")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
