#pragma once

#include <cstdint>

namespace azora::chain {

/// The kernel's settings, filled by the node from its config (NodeOptions) or by tests.
struct ChainOptions {
    /// State tree versions kept for proofs (at least 1): older ones are pruned as blocks commit.
    uint64_t state_versions_kept = 1'000;
};

}  // namespace azora::chain
