#!/usr/bin/env bash
# account_get and credential_verify with wrk against a fresh dev node of one build, for
# before/after comparisons on the same machine (docs/benchmarks.md, "Module kit").
# Usage: tests/bench/rpc_ab.sh BUILD_DIR [PORT]   (wrk must be installed; takes ~25 s)
set -euo pipefail
build=${1:?build dir}
port=${2:-18850}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/azora-rpc-ab.XXXXXX)
"$build/node/azorad" --dev --datadir "$work/data" --rpc-port "$port" --block-time-ms 200 \
    >"$work/node.log" 2>&1 &
node=$!
trap 'kill "$node" 2>/dev/null; wait "$node" 2>/dev/null || true; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port/"
for _ in $(seq 100); do
    curl -sf -H 'Content-Type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"node_info"}' "$url" >/dev/null && break
    sleep 0.1
done
id=$("$build/wallet-cli/azora-wallet" --rpc "$url" --keystore "$work/keys" --dev --json \
    credential issue --from dev1 --to dev2 --class badge --title "Bench badge" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "build=$build loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "account_get:";
wrk -t2 -c32 -d10s -s "$here/account_get.lua" "$url" | grep -Ei 'requests/sec|latency|non-2xx|errors|result'
echo "credential_verify:"
wrk -t2 -c32 -d10s -s "$here/credential_verify.lua" "$url" -- "$id" |
    grep -Ei 'requests/sec|latency|non-2xx|errors|result'
echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)"
