#!/usr/bin/env bash
# Transfers on a local 4-validator network (docs/benchmarks.md, "Network (4 validators)").
# Usage: tests/bench/run_localnet.sh max|paced [extra azora-bench transfers options...]
#   max:   TXS transfers as fast as the tool can submit (throughput);
#   paced: TXS transfers offered at RATE tx/s (finality percentiles).
# Env: BUILD (default build), VALIDATORS (4), ACCOUNTS (10000), TXS (100000 max, 30000 paced),
#      RATE (1000), BLOCK_MS (200), CONCURRENCY (4), BATCH (100), SPREAD (1: submit to every
#      node in turn; 0: node0 only), KEEP (1: keep the network dir), and the consensus timeouts
#      TIMEOUT_PROPOSE_MS (2000), TIMEOUT_VOTE_MS (500, prevote and precommit), TIMEOUT_DELTA_MS
#      (250). Prints the load average, the tool's report and the nodes' CPU seconds.
set -euo pipefail
mode=${1:?max or paced}
shift
build=${BUILD:-build}
validators=${VALIDATORS:-4}
accounts=${ACCOUNTS:-10000}
rate=${RATE:-1000}
block_ms=${BLOCK_MS:-200}
case "$mode" in
max) txs=${TXS:-100000}; rate_args=() ;;
paced) txs=${TXS:-30000}; rate_args=(--rate "$rate") ;;
*) echo "mode must be max or paced" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/azora-localnet.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$build/node/azorad" testnet -n "$validators" --base-port 0 --block-time-ms "$block_ms" \
    --out "$work/net" >/dev/null
"$build/tests/azora-bench" genesis --accounts "$accounts" --out "$work/bench-genesis.json" >/dev/null

# The testnet genesis (its validators, chain id and time) plus the bench accounts; every node
# gets the same file. Consensus timeouts: short enough that a missed proposal costs little,
# long enough for a 2-core machine shared by 4 nodes to build and check a large block.
python3 - "$work" "$validators" <<'EOF'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
import os
net = json.load(open(f"{work}/net/node0/genesis.json"))
bench = json.load(open(f"{work}/bench-genesis.json"))
have = {a["address"] for a in net["accounts"]}
net["accounts"] += [a for a in bench["accounts"] if a["address"] not in have]
text = json.dumps(net, indent=1) + "\n"
propose = int(os.environ.get("TIMEOUT_PROPOSE_MS", "2000"))
vote = int(os.environ.get("TIMEOUT_VOTE_MS", "500"))
delta = int(os.environ.get("TIMEOUT_DELTA_MS", "250"))
for k in range(n):
    open(f"{work}/net/node{k}/genesis.json", "w").write(text)
    path = f"{work}/net/node{k}/config.json"
    cfg = json.load(open(path))
    cfg.update(timeout_propose_ms=propose, timeout_propose_delta_ms=delta,
               timeout_prevote_ms=vote, timeout_prevote_delta_ms=delta,
               timeout_precommit_ms=vote, timeout_precommit_delta_ms=delta)
    json.dump(cfg, open(path, "w"), indent=2)
EOF

mapfile -t urls < <(python3 -c 'import json,sys; [print(n["rpc"]) for n in json.load(open(sys.argv[1]))]' \
    "$work/net/nodes.json")
for k in $(seq 0 $((validators - 1))); do
    "$build/node/azorad" --datadir "$work/net/node$k" >"$work/net/node$k/azorad.log" 2>&1 &
    pids+=($!)
done

height() {
    curl -sf -H 'Content-Type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"node_info","params":[]}' "$1" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["height"])' 2>/dev/null ||
        echo 0
}
# Ready once every node has committed a block (they are connected and agree).
for _ in $(seq 300); do
    ready=1
    for u in "${urls[@]}"; do [ "$(height "$u")" -ge 2 ] || ready=0; done
    [ "$ready" = 1 ] && break
    sleep 0.2
done
[ "$ready" = 1 ] || { echo "network did not start; logs in $work/net/node*/azorad.log" >&2; KEEP=1; exit 1; }

if [ "${SPREAD:-1}" = 1 ]; then
    rpc=$(IFS=,; echo "${urls[*]}")
else
    rpc=${urls[0]}
fi
cpu() {  # user + system CPU seconds of all nodes
    for p in "${pids[@]}"; do cut -d')' -f2 "/proc/$p/stat"; done |
        awk -v hz="$(getconf CLK_TCK)" '{ s += $12 + $13 } END { printf "%.2f", s / hz }'
}
echo "mode=$mode validators=$validators block_time_ms=$block_ms txs=$txs rate=${rate_args[*]:-none}" \
    "rpc_nodes=$(tr -cd , <<<"$rpc" | wc -c | awk '{print $1+1}') nproc=$(nproc)"
h_before=$(height "${urls[0]}")
echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg) height_before=$h_before"
cpu_before=$(cpu)
status=0
"$build/tests/azora-bench" transfers --rpc "$rpc" --node-pid "${pids[0]}" --accounts "$accounts" \
    --txs "$txs" --batch "${BATCH:-100}" --concurrency "${CONCURRENCY:-4}" "${rate_args[@]}" "$@" ||
    status=$?
cpu_after=$(cpu)
h_after=$(height "${urls[0]}")
echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg) height_after=$h_after"
echo "all nodes CPU during the run: $(awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN { printf "%.2f", a - b }') s"
for k in $(seq 0 $((validators - 1))); do
    echo "node$k: height $(height "${urls[$k]}")"
done
# Per block of the run: txs, the round it was committed in (> 0: a round failed), the time
# since the previous block (header times).
python3 - "${urls[0]}" "$h_before" "$h_after" <<'EOF'
import json, sys, urllib.request
url, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
prev, rows = None, []
for h in range(max(1, first), last + 1):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "chain_getBlock", "params": [h]})
    req = urllib.request.Request(url, body.encode(), {"Content-Type": "application/json"})
    b = json.load(urllib.request.urlopen(req))["result"]
    t = b["header"]["time_ms"]
    rows.append(f"{h}:{len(b['txs'])}tx/r{b['commit']['round']}/+{t - prev if prev else 0}ms")
    prev = t
print("blocks (height:txs/round/interval):", " ".join(rows))
EOF
exit $status
