#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "genesis/genesis.hpp"

/// Genesis of a local multi-validator test network (`azorad testnet`).
namespace azora::genesis {

inline constexpr std::string_view kLocalnetChainId = "azora-localnet-1";
/// Voting power of each generated validator.
inline constexpr uint64_t kLocalnetValidatorPower = 10;

/// The dev genesis (dev_genesis(): the DEV ONLY dev0..dev4 accounts funded, dev0 the council,
/// dev1 the issuer, the dev gas schedule) with `chain_id`, `genesis_time_ms` and `validators`
/// in place of the dev chain's, so `azora-wallet --dev` keys can transact on the network.
/// Validated as a genesis file would be: "bad_genesis" for a bad chain id, no validators,
/// duplicate keys or zero power.
Result<Genesis> localnet_genesis(const std::string& chain_id,
                                 uint64_t genesis_time_ms,
                                 std::vector<GenesisValidator> validators);

}  // namespace azora::genesis
