#include "vm/modules/governance/queries.hpp"

#include "vm/modules/governance/state.hpp"

namespace azora::vm::governance {

Result<std::optional<Council>> get_council(const StateReader& state) {
    return load_council(state);
}

Result<std::optional<Proposal>> get_proposal(const StateReader& state, uint64_t id) {
    return load_proposal(state, id);
}

Result<ProposalPage> list_proposals(const StateReader& state, ByteView cursor, size_t limit) {
    AZORA_ASSIGN(StatePage page, page_entries(state, proposals_prefix(), 8, cursor, limit));
    ProposalPage out;
    out.items.reserve(page.entries.size());
    for (const auto& [suffix, value] : page.entries) {
        AZORA_ASSIGN(Proposal p, decode_proposal_value(value));
        out.items.push_back(std::move(p));
    }
    out.next_cursor = std::move(page.next_cursor);
    return out;
}

}  // namespace azora::vm::governance
