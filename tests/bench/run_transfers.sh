#!/usr/bin/env bash
# One transfers run against a fresh dev node (docs/benchmarks.md, target a).
# Usage: tests/bench/run_transfers.sh GENESIS BLOCK_MS [azora-bench transfers options...]
# Env: BUILD (default build), PORT (default 18645), WORKDIR (default a fresh mktemp dir).
set -euo pipefail
genesis=${1:?genesis file}
block_ms=${2:?block time in ms}
shift 2
build=${BUILD:-build}
port=${PORT:-18645}
work=${WORKDIR:-$(mktemp -d /tmp/azora-bench.XXXXXX)}
mkdir -p "$work"

"$build/node/azorad" --dev --datadir "$work/data" --rpc-port "$port" --block-time-ms "$block_ms" \
    --genesis "$genesis" >"$work/node.log" 2>&1 &
node=$!
trap 'kill "$node" 2>/dev/null; wait "$node" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -sf -H 'Content-Type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"node_info"}' "http://127.0.0.1:$port/" >/dev/null &&
        break
    sleep 0.1
done
echo "block_time_ms=$block_ms loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)"
"$build/tests/azora-bench" transfers --rpc "http://127.0.0.1:$port" --node-pid "$node" "$@"
echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "node RSS: $(grep VmRSS /proc/$node/status)"
