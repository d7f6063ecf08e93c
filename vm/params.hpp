#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace azora::vm {

/// Gas charged per transaction, fixed in genesis. Deterministic: a function of the tx bytes,
/// the action and the number of state writes only.
struct GasSchedule {
    uint64_t tx_base = 1000;         ///< every transaction
    uint64_t per_payload_byte = 10;  ///< each payload byte
    uint64_t per_state_write = 500;  ///< each key the action writes or deletes
    uint64_t default_action = 1000;  ///< an action not listed in `actions`
    /// Extra gas per action, keyed "<module>.<action>" names such as "token.transfer".
    std::map<std::string, uint64_t> actions;
};

/// Consensus parameters from genesis that execution depends on.
struct ChainParams {
    std::string chain_id;
    uint64_t min_gas_price = 1;  ///< uazr per gas
    uint64_t max_tx_gas = 50'000'000;
    GasSchedule gas;
};

}  // namespace azora::vm
