#include "vm/modules/governance/genesis_section.hpp"

#include <string>

#include "vm/genesis_json.hpp"

namespace azora::vm::governance {

Result<std::optional<Council>> parse_genesis_council(const nlohmann::json& genesis,
                                                     std::string_view hrp) {
    using namespace genesis_json;
    if (!genesis.contains("council")) {
        return std::optional<Council>{};
    }
    const nlohmann::json& c = genesis.at("council");
    if (!c.is_object()) {
        return bad("council", "must be an object");
    }
    AZORA_ASSIGN(const nlohmann::json* members, member(c, "council.", "members"));
    if (!members->is_array() || members->empty() || members->size() > kCouncilMax) {
        return bad("council.members",
                   "must be an array of 1 to " + std::to_string(kCouncilMax) + " addresses");
    }
    Council council;
    for (size_t i = 0; i < members->size(); ++i) {
        const std::string path = "council.members[" + std::to_string(i) + "]";
        if (!members->at(i).is_string()) {
            return bad(path, "must be a string");
        }
        auto addr = Address::parse(members->at(i).get<std::string>(), hrp);
        if (!addr) {
            return bad(path, addr.error().message);
        }
        if (council.is_member(*addr)) {
            return bad(path, "duplicate member");
        }
        council.members.push_back(*addr);
    }
    AZORA_ASSIGN(council.threshold, get_u64(c, "council.", "threshold"));
    if (council.threshold == 0 || council.threshold > council.members.size()) {
        return bad("council.threshold", "must be 1 to the number of members (" +
                                            std::to_string(council.members.size()) + ")");
    }
    AZORA_ASSIGN(council.proposal_ttl_blocks, get_u64(c, "council.", "proposal_ttl_blocks"));
    if (council.proposal_ttl_blocks == 0) {
        return bad("council.proposal_ttl_blocks", "must be positive");
    }
    return std::optional<Council>{std::move(council)};
}

}  // namespace azora::vm::governance
