#include "genesis/dev.hpp"

#include <cstdlib>

#include "core/hash.hpp"

namespace azora::genesis {
namespace {
PrivateKey key_from_seed(const std::string& seed) {
    auto key = PrivateKey::from_bytes(sha256(as_bytes(seed)));
    if (!key) {
        std::abort();  // SHA-256 of these fixed seeds is a valid key; checked by tests
    }
    return std::move(key).value();
}
}  // namespace

std::vector<DevAccount> dev_accounts() {
    std::vector<DevAccount> out;
    for (size_t i = 0; i < kDevAccountCount; ++i) {
        out.push_back(
            {"dev" + std::to_string(i), key_from_seed("azora/dev-account/" + std::to_string(i))});
    }
    return out;
}

PrivateKey dev_validator_key() {
    return key_from_seed("azora/dev-validator/0");
}

Genesis dev_genesis() {
    Genesis g;
    g.chain_id = std::string(kDevChainId);
    g.genesis_time_ms = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
    g.params.chain_id = g.chain_id;
    g.params.min_gas_price = 1;
    g.params.max_tx_gas = 50'000'000;
    g.params.gas.actions = {{"token.transfer", 1000}, {"token.multi_transfer", 2000}};
    for (const auto& a : dev_accounts()) {
        g.accounts.push_back({Address::from_pubkey(a.key.public_key()), kDevAccountBalance});
    }
    g.validators.push_back({"dev-validator", dev_validator_key().public_key(), 10});
    g.council = vm::governance::Council{{g.accounts[0].address}, 1, kDevProposalTtlBlocks};
    g.issuers.push_back(
        {g.accounts[1].address, std::string(kDevIssuerName), std::string(kDevIssuerUrl)});
    return g;
}

}  // namespace azora::genesis
