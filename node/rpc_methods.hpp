#pragma once

#include <functional>
#include <string>

#include "node/chain.hpp"
#include "node/consensus_driver.hpp"
#include "node/mempool.hpp"
#include "node/network_control.hpp"
#include "rpc/method_table.hpp"

namespace azora::node {

/// What the RPC methods read and write: the node's chain and mempool, and facts about this
/// node for node_info.
struct RpcBackend {
    Chain& chain;
    Mempool& mempool;
    std::string version;
    bool validator = false;
    /// Called after a transaction from RPC entered the mempool (gossips it to peers).
    std::function<void(const PendingTxPtr&)> on_admitted;
    /// Round, step and sync state of consensus; absent in tests without a driver.
    std::function<ConsensusStatus()> consensus_status{};
    NetworkControl* network = nullptr;  ///< null when P2P is off (dev mode)
};

/// Registers node_info and chain_* methods.
Result<void> register_chain_methods(rpc::MethodTable& table, RpcBackend& backend);
/// Registers tx_submit, tx_get, tx_estimateGas.
Result<void> register_tx_methods(rpc::MethodTable& table, RpcBackend& backend);
/// Registers account_get, token_balance, token_supply, state_getProof.
Result<void> register_state_methods(rpc::MethodTable& table, RpcBackend& backend);
/// Registers credential_get, credential_listByHolder, credential_listByIssuer, issuer_get,
/// issuer_list, council_proposals and credential_verify (all read-only, public).
Result<void> register_credential_methods(rpc::MethodTable& table, RpcBackend& backend);

/// Registers consensus_state, consensus_evidence, validator_list, net_peers and the admin_*
/// peer methods.
Result<void> register_network_methods(rpc::MethodTable& table, RpcBackend& backend);

/// Parses a 32-byte hash given as hex; reason "invalid_params" naming `what` otherwise.
Result<Hash32> parse_hash_param(const std::string& hex, const char* what);

}  // namespace azora::node
