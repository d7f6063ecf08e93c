#pragma once

#include <string>
#include <vector>

#include "core/address.hpp"
#include "ledger/receipt.hpp"
#include "ledger/tx.hpp"

namespace azora::vm {

/// What a block gives every transaction in it. Time is the block's, never the wall clock.
struct BlockContext {
    std::string chain_id;
    uint64_t height = 0;
    uint64_t time_ms = 0;
    Address proposer{};
};

/// What a module handler knows about the transaction it runs.
struct TxContext {
    const BlockContext& block;
    const ledger::Tx& tx;
    Hash32 tx_hash{};
    Address sender{};
    std::vector<ledger::Event>& events;  ///< handlers append; dropped if the action fails
};

}  // namespace azora::vm
