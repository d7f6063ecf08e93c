#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "consensus/round_machine_options.hpp"
#include "node/block_sync.hpp"
#include "node/height_gossip.hpp"

namespace azora::node {

/// The consensus driver's settings and those of the parts it wires together; each default is
/// defined once, in the struct that owns it.
struct DriverOptions {
    consensus::RoundMachineOptions machine;  ///< chain_id is filled in from the chain
    GossipOptions gossip;
    SyncOptions sync;
    /// Pause after a decided block before the next height starts (CometBFT's timeout_commit);
    /// in dev mode this is the block time.
    std::chrono::milliseconds commit_wait{500};
    size_t max_block_txs = 20'000;
    size_t max_block_bytes = (4u << 20) - (64u << 10);  ///< must fit in one P2P frame
    /// A proposed block whose time is further ahead of the local clock is not prevoted.
    uint64_t max_clock_drift_ms = 30'000;
    size_t max_queued_bytes = 256u << 20;  ///< work from peers queued for the driver thread
};

}  // namespace azora::node
