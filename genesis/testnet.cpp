#include "genesis/testnet.hpp"

#include "genesis/dev.hpp"

namespace azora::genesis {

Result<Genesis> localnet_genesis(const std::string& chain_id,
                                 uint64_t genesis_time_ms,
                                 std::vector<GenesisValidator> validators) {
    Genesis g = dev_genesis();
    g.chain_id = chain_id;
    g.params.chain_id = chain_id;
    g.genesis_time_ms = genesis_time_ms;
    g.validators = std::move(validators);
    // The JSON parser holds every validation rule; a generated genesis must pass it as the
    // file the nodes will load.
    return Genesis::from_json(g.to_json());
}

}  // namespace azora::genesis
