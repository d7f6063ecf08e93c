#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "vm/modules/governance/records.hpp"

/// The governance module's genesis section (docs/protocol.md 17): the council (wire).
namespace azora::vm::governance {

/// The genesis document's optional "council": {members, threshold, proposal_ttl_blocks};
/// nullopt when absent (the issuer set can then never change). Errors are "bad_genesis"
/// naming the field.
Result<std::optional<Council>> parse_genesis_council(const nlohmann::json& genesis,
                                                     std::string_view hrp);

}  // namespace azora::vm::governance
