#include "vm/modules/governance/invariants.hpp"

#include <algorithm>

#include "core/reasons.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::vm::governance {
namespace {

Error broken(const std::string& what) {
    return Error::from(reasons::kInvariantBroken, "governance module: " + what);
}

Result<void> check_proposal(const Council& council, uint64_t next_id, const Proposal& p) {
    const std::string name = "proposal " + std::to_string(p.id);
    if (p.id == 0 || p.id >= next_id) {
        return broken(name + " is not below the next id " + std::to_string(next_id));
    }
    for (const auto& a : p.approvals) {
        if (!council.is_member(a)) {
            return broken(name + " has an approval from a non-member");
        }
    }
    if (!std::binary_search(p.approvals.begin(), p.approvals.end(), p.proposer)) {
        return broken(name + " lacks its proposer's approval");
    }
    const bool enough = p.approvals.size() >= council.threshold;
    if (enough != (p.status == ProposalStatus::executed)) {
        return broken(name + " is executed without the threshold, or open with it");
    }
    return {};
}

}  // namespace

Result<void> check_invariants(const StateReader& state) {
    AZORA_ASSIGN(auto council, load_council(state));
    AZORA_ASSIGN(uint64_t next_id, next_proposal_id(state));
    std::optional<Error> failure;
    AZORA_TRY(state.scan(proposals_prefix(), {}, [&](ByteView key, ByteView value) {
        auto p = decode_proposal_value(value);
        if (!p) {
            failure = p.error();
        } else if (!council) {
            failure = broken("proposals without a council");
        } else if (Bytes(key.begin(), key.end()) != proposal_key(p->id)) {
            failure = broken("proposal " + std::to_string(p->id) + " under another key");
        } else if (auto r = check_proposal(*council, next_id, *p); !r) {
            failure = r.error();
        }
        return !failure;
    }));
    if (failure) {
        return *failure;
    }
    return {};
}

}  // namespace azora::vm::governance
