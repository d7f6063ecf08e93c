#!/usr/bin/env bash
# Installs dependencies, builds, and starts a single-node dev chain (azorad --dev).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
exec ./build/node/azorad --dev "$@"
