#pragma once

#include <cstdint>
#include <optional>

#include "consensus/round_machine.hpp"

namespace azora::node {

/// What consensus_state and node_info report.
struct ConsensusStatus {
    uint64_t height = 0;  ///< the height being decided
    uint32_t round = 0;
    consensus::Step step = consensus::Step::propose;
    bool syncing = false;
    uint64_t best_peer_height = 0;
    uint64_t last_commit_time_ms = 0;  ///< wall clock when the last block was committed
    std::optional<uint32_t> validator_index;
};

}  // namespace azora::node
