#pragma once

#include <functional>
#include <string>

#include "node/chain.hpp"
#include "node/consensus_driver.hpp"
#include "node/mempool.hpp"
#include "node/network_control.hpp"
#include "rpc/method_table.hpp"
#include "vm/registry.hpp"

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
/// Registers state_getProof.
Result<void> register_state_methods(rpc::MethodTable& table, RpcBackend& backend);
/// Registers every query of every module in `registry` under its method name, through one
/// adapter (read-only, public): positional params become named ones, and a proven query gets
/// an optional `height` param and a `bundle` of header, commit, validators and state proofs.
Result<void> register_module_queries(rpc::MethodTable& table,
                                     RpcBackend& backend,
                                     const vm::ModuleRegistry& registry);

/// Registers consensus_state, consensus_evidence, validator_list, net_peers and the admin_*
/// peer methods.
Result<void> register_network_methods(rpc::MethodTable& table, RpcBackend& backend);

/// Registers every method the node serves: the ones above, and every query of
/// vm::ModuleRegistry::standard(). docs/rpc.md lists exactly these (a test compares them).
Result<void> register_node_methods(rpc::MethodTable& table, RpcBackend& backend);

/// Parses a 32-byte hash given as hex; reason "invalid_params" naming `what` otherwise.
Result<Hash32> parse_hash_param(const std::string& hex, const char* what);

}  // namespace azora::node
