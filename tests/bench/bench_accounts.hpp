#pragma once

#include <cstddef>
#include <cstdint>

#include "core/keys.hpp"
#include "genesis/genesis.hpp"

/// Deterministic load-test accounts shared by azora-bench's subcommands. BENCH ONLY: the keys
/// are derivable by anyone.
namespace azora::bench {

/// Balance of each bench account in uazr (1,000,000 AZR): plenty for fees of any run.
inline constexpr uint64_t kBenchAccountBalance = 1'000'000'000'000;

/// Secret key of bench account `index`: SHA-256("azora/bench/" + index).
PrivateKey bench_key(size_t index);

/// The dev genesis (same chain id and dev validator, so `azorad --dev --genesis` accepts it)
/// plus `count` bench accounts, each funded with kBenchAccountBalance.
genesis::Genesis bench_genesis(size_t count);

}  // namespace azora::bench
