#pragma once

#include <string>
#include <vector>

#include "core/amount.hpp"
#include "core/keys.hpp"
#include "genesis/genesis.hpp"

/// The embedded development chain: one validator and five funded accounts with fixed, public
/// keys. DEV ONLY: anyone can spend these accounts.
namespace azora::genesis {

inline constexpr std::string_view kDevChainId = "azora-dev-1";
inline constexpr size_t kDevAccountCount = 5;
inline constexpr uint64_t kDevAccountBalance = 1'000'000'000 * kUazrPerAzr;  // 1e9 AZR
/// dev0 alone is the council (1 of 1); its proposals live this many blocks.
inline constexpr uint64_t kDevProposalTtlBlocks = 1000;
/// dev1 is an active issuer from genesis.
inline constexpr std::string_view kDevIssuerName = "Azora Dev Academy";
inline constexpr std::string_view kDevIssuerUrl = "https://academy.azora.example";

struct DevAccount {
    std::string name;  ///< dev0 .. dev4
    PrivateKey key;
};

/// dev0..dev4: secret key i = SHA-256("azora/dev-account/" + i).
std::vector<DevAccount> dev_accounts();
/// The dev validator's key: SHA-256("azora/dev-validator/0").
PrivateKey dev_validator_key();
/// The dev genesis: chain azora-dev-1, the dev validator with power 10, dev0..dev4 funded,
/// dev0 a 1-of-1 council and dev1 the active issuer "Azora Dev Academy".
Genesis dev_genesis();

}  // namespace azora::genesis
