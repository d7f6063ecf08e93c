#!/usr/bin/env bash
# Restart to RPC-ready time (docs/benchmarks.md, target d): starts azorad once on GENESIS so the
# state exists, stops it, then RUNS times restarts, each from exec to the first successful
# node_info answer (polled every ~5 ms; curl's own start-up counts against the node).
# Usage: tests/bench/restart_time.sh GENESIS [RUNS]   Env: BUILD, PORT, WORKDIR as elsewhere.
set -euo pipefail
genesis=${1:?genesis file}
runs=${2:-5}
build=${BUILD:-build}
port=${PORT:-18648}
work=${WORKDIR:-$(mktemp -d /tmp/azora-restart.XXXXXX)}
mkdir -p "$work"
node=

stop_node() {
    if [ -n "$node" ]; then
        kill "$node" 2>/dev/null || true
        wait "$node" 2>/dev/null || true
        node=
    fi
}
trap stop_node EXIT

# Sets elapsed_ms to the milliseconds from exec to the first good node_info. Not called in a
# subshell, so that `node` stays set for stop_node.
start_and_time() {
    local t0 t1
    t0=$(date +%s%N)
    "$build/node/azorad" --dev --datadir "$work/data" --rpc-port "$port" \
        --genesis "$genesis" >>"$work/node.log" 2>&1 &
    node=$!
    until curl -sf -m 1 -H 'Content-Type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"node_info"}' "http://127.0.0.1:$port/" |
        grep -q '"result"'; do
        if ! kill -0 "$node" 2>/dev/null; then
            echo "azorad exited; see $work/node.log" >&2
            exit 1
        fi
        sleep 0.005
    done
    t1=$(date +%s%N)
    elapsed_ms=$(((t1 - t0) / 1000000))
}

start_and_time
echo "first start (creates state): $elapsed_ms ms"
stop_node
for i in $(seq "$runs"); do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start_and_time
    echo "restart $i: $elapsed_ms ms  (loadavg before: $load)"
    stop_node
done
du -sh "$work/data" | sed 's/^/datadir size: /'
