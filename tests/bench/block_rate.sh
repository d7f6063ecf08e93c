#!/usr/bin/env bash
# Block production rate of an existing local network (docs/benchmarks.md, "Network", 6.).
# Starts every validator of NET (a dir written by `azorad testnet`, e.g. the one
# sync_bench.sh keeps with KEEP=1: its net/ subdir), waits 5 s, and reports the blocks node0
# commits over SECONDS. The nodes are stopped on exit; the dir is kept.
# Usage: tests/bench/block_rate.sh NET [SECONDS]
# Env: BUILD (default build), VALIDATORS (default: every node of nodes.json but the last, as
#      testnet --followers 1 writes them).
set -euo pipefail
build=${BUILD:-build}
net=$1
secs=${2:-20}
count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$net/nodes.json")
validators=${VALIDATORS:-$((count - 1))}
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["rpc"])' "$net/nodes.json")

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
for k in $(seq 0 $((validators - 1))); do
    "$build/node/azorad" --datadir "$net/node$k" >>"$net/node$k/azorad.log" 2>&1 &
    pids+=($!)
done
height() {
    curl -sf -H 'Content-Type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"node_info","params":[]}' "$url" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["height"])'
}
sleep 5
load=$(cut -d' ' -f1-3 /proc/loadavg)
first=$(height)
sleep "$secs"
last=$(height)
echo "validators=$validators loadavg_before=$load: height $first -> $last in $secs s:" \
    "$(( (last - first) / secs )) blocks/s"
