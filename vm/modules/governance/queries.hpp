#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "vm/modules/governance/records.hpp"
#include "vm/state_page.hpp"
#include "vm/state_view.hpp"

/// Read-only queries of the governance module for the layers above; records, never JSON.
/// Paging as in the credential queries: empty cursor first, then next_cursor; "bad_cursor" and
/// "bad_limit" are malformed errors. Stored statuses are open or executed: callers report
/// effective_status(p, head height) to show expired proposals.
namespace azora::vm::governance {

struct ProposalPage {
    std::vector<Proposal> items;
    std::optional<Bytes> next_cursor;  ///< the last id, u64 big-endian (8 bytes), when more follow
};

/// nullopt when the chain has no council.
Result<std::optional<Council>> get_council(const StateReader& state);
Result<std::optional<Proposal>> get_proposal(const StateReader& state, uint64_t id);
/// Every proposal in id order (oldest first).
Result<ProposalPage> list_proposals(const StateReader& state, ByteView cursor, size_t limit);

}  // namespace azora::vm::governance
