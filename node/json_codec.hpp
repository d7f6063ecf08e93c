#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "consensus/validator_set.hpp"
#include "ledger/block.hpp"
#include "ledger/commit.hpp"
#include "ledger/receipt.hpp"

/// JSON views of ledger types for RPC results (docs/rpc.md). Heights and gas are JSON
/// numbers; amounts are decimal strings; hashes, keys and signatures are lowercase hex.
namespace azora::node {

nlohmann::json header_to_json(const ledger::Header& h, std::string_view hrp);
nlohmann::json commit_to_json(const ledger::Commit& c);
nlohmann::json evidence_to_json(const ledger::Evidence& ev, std::string_view hrp);
nlohmann::json tx_to_json(const ledger::Tx& tx, const Hash32& hash, std::string_view hrp);
nlohmann::json receipt_to_json(const ledger::Receipt& r);
/// [{pubkey, power (decimal string)}] in index order: what a verifier needs to check commits.
nlohmann::json validators_to_json(const consensus::ValidatorSet& set);

}  // namespace azora::node
