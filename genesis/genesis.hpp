#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "consensus/validator_set.hpp"
#include "core/address.hpp"
#include "vm/modules/credential/genesis_section.hpp"
#include "vm/modules/governance/genesis_section.hpp"
#include "vm/modules/token/genesis_section.hpp"
#include "vm/params.hpp"

namespace azora::genesis {

using vm::token::GenesisAccount;

struct GenesisValidator {
    std::string name;
    PubKey pubkey{};
    uint64_t power = 0;
};

/// An issuer that is active from height 0.
using vm::credential::GenesisIssuer;

/// The chain's starting point (docs/protocol.md section 17): parameters, funded accounts,
/// validators, the governance council and the initial credential issuers.
struct Genesis {
    std::string chain_id;
    uint64_t genesis_time_ms = 0;
    vm::ChainParams params;  ///< params.chain_id mirrors chain_id
    std::vector<GenesisAccount> accounts;
    std::vector<GenesisValidator> validators;
    /// The council that admits, suspends and reinstates issuers; nullopt = none, so the issuer
    /// set can never change.
    std::optional<vm::governance::Council> council;
    std::vector<GenesisIssuer> issuers;

    /// Parses and validates JSON; errors have reason "bad_genesis" and a message that starts
    /// with the offending field's path, e.g. "accounts[2].balance: ...".
    static Result<Genesis> from_json(const nlohmann::json& j);
    /// Reads and parses a genesis file.
    static Result<Genesis> load(const std::filesystem::path& path);
    nlohmann::json to_json() const;

    /// H_azora/genesis(canonical binary encoding): independent of JSON formatting.
    Hash32 hash() const;
    /// Address text prefix: "azr" for chain ids starting "azora-mainnet-", else "tazr".
    std::string_view hrp() const;
    /// The validator set at height 1.
    Result<consensus::ValidatorSet> validator_set() const;
};

}  // namespace azora::genesis
