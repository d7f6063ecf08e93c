#!/usr/bin/env bash
# Catch-up sync over P2P (docs/benchmarks.md, "Network (4 validators)").
# A local network of VALIDATORS validators and one follower is generated; the validators
# produce empty blocks every BLOCK_MS ms until height BLOCKS; then the follower starts with an
# empty data dir and fetches the chain from them over P2P. Reported: time from the follower's
# start until its height reaches the validators' height at that start, and blocks/s.
# Usage: tests/bench/sync_bench.sh
# Env: BUILD (default build), VALIDATORS (1), BLOCKS (10000), BLOCK_MS (10), REPEAT (2), KEEP (1: keep the
#      network dir). TIMEOUT_PROPOSE_MS (200), TIMEOUT_VOTE_MS (100), TIMEOUT_DELTA_MS (100):
#      short, so that a missed round while producing costs little. REUSE=DIR: the dir an earlier
#      run kept (KEEP=1), to time another build against the same chain without producing it
#      again (the validators restart and keep producing; the dir is kept).
set -euo pipefail
build=${BUILD:-build}
validators=${VALIDATORS:-1}
blocks=${BLOCKS:-10000}
block_ms=${BLOCK_MS:-10}

if [ -n "${REUSE:-}" ]; then
    work=$REUSE
    KEEP=1
    validators=$(($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
        "$work/net/nodes.json") - 1))
else
    work=$(mktemp -d /tmp/azora-sync.XXXXXX)
fi
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

if [ -z "${REUSE:-}" ]; then
"$build/node/azorad" testnet -n "$validators" --followers 1 --base-port 0 \
    --block-time-ms "$block_ms" --out "$work/net" >/dev/null
python3 - "$work/net" "$((validators + 1))" <<'EOF'
import json, os, sys
net, n = sys.argv[1], int(sys.argv[2])
propose = int(os.environ.get("TIMEOUT_PROPOSE_MS", "200"))
vote = int(os.environ.get("TIMEOUT_VOTE_MS", "100"))
delta = int(os.environ.get("TIMEOUT_DELTA_MS", "100"))
for k in range(n):
    path = f"{net}/node{k}/config.json"
    cfg = json.load(open(path))
    cfg.update(timeout_propose_ms=propose, timeout_propose_delta_ms=delta,
               timeout_prevote_ms=vote, timeout_prevote_delta_ms=delta,
               timeout_precommit_ms=vote, timeout_precommit_delta_ms=delta)
    json.dump(cfg, open(path, "w"), indent=2)
EOF
fi
mapfile -t urls < <(python3 -c 'import json,sys; [print(n["rpc"]) for n in json.load(open(sys.argv[1]))]' \
    "$work/net/nodes.json")
follower=$validators

height() {
    curl -sf -H 'Content-Type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"node_info","params":[]}' "$1" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["height"])' 2>/dev/null ||
        echo 0
}
now_ms() { date +%s%3N; }

for k in $(seq 0 $((validators - 1))); do
    "$build/node/azorad" --datadir "$work/net/node$k" >"$work/net/node$k/azorad.log" 2>&1 &
    pids+=($!)
done
echo "validators=$validators block_time_ms=$block_ms blocks=$blocks nproc=$(nproc)"
t_produce=$(now_ms)
h=0
while [ "$h" -lt "$blocks" ]; do
    sleep 2
    h=$(height "${urls[0]}")
done
echo "produced $h blocks in $(( ($(now_ms) - t_produce) / 1000 )) s"

# The follower: time from exec until its height reaches the validators' height at that moment.
# Each repeat starts it again from its pristine (empty) data dir against the same chain.
[ -d "$work/follower.pristine" ] || cp -a "$work/net/node$follower" "$work/follower.pristine"
for run in $(seq 1 "${REPEAT:-2}"); do
    rm -rf "$work/net/node$follower"
    cp -a "$work/follower.pristine" "$work/net/node$follower"
    target=$(height "${urls[0]}")
    echo "run $run: loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg) target_height=$target"
    t0=$(now_ms)
    "$build/node/azorad" --datadir "$work/net/node$follower" \
        >"$work/net/node$follower/azorad.log" 2>&1 &
    fpid=$!
    pids+=($fpid)
    fh=0
    last_progress=$t0
    last_h=0
    while [ "$fh" -lt "$target" ]; do
        sleep 0.05
        fh=$(height "${urls[$follower]}")
        if [ "$fh" -gt "$last_h" ]; then last_h=$fh; last_progress=$(now_ms); fi
        if [ $(($(now_ms) - last_progress)) -gt 60000 ]; then
            echo "follower stuck at height $fh (target $target); logs in $work/net" >&2
            KEEP=1
            exit 1
        fi
    done
    ms=$(($(now_ms) - t0))
    cpu=$(cut -d')' -f2 "/proc/$fpid/stat" |
        awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($12 + $13) / hz }')
    echo "run $run: loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "run $run: follower reached height $fh (target $target) in $ms ms:" \
        "$(awk -v b="$target" -v ms="$ms" 'BEGIN { printf "%.0f", b * 1000 / ms }') blocks/s;" \
        "follower CPU ${cpu} s ($(awk -v c="$cpu" -v b="$target" 'BEGIN { printf "%.0f", c * 1e6 / b }') us/block)"
    kill "$fpid"
    wait "$fpid" 2>/dev/null || true
done
