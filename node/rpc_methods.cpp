#include "node/rpc_methods.hpp"

namespace azora::node {

Result<void> register_node_methods(rpc::MethodTable& table, RpcBackend& backend) {
    AZORA_TRY(register_chain_methods(table, backend));
    AZORA_TRY(register_tx_methods(table, backend));
    AZORA_TRY(register_state_methods(table, backend));
    AZORA_TRY(register_module_queries(table, backend, vm::ModuleRegistry::standard()));
    return register_network_methods(table, backend);
}

}  // namespace azora::node
