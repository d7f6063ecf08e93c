#include <algorithm>
#include <string>

#include "core/amount.hpp"
#include "core/reasons.hpp"
#include "vm/modules/credential/issuers.hpp"
#include "vm/modules/governance/messages.hpp"
#include "vm/modules/governance/module.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::vm::governance {
namespace {

Result<Council> require_member(const StateReader& state, const Address& sender) {
    AZORA_ASSIGN(auto council, load_council(state));
    if (!council || !council->is_member(sender)) {
        return Error::from(reasons::kNotCouncilMember, "the sender is not on the council");
    }
    return std::move(*council);
}

// Whether the proposal's change can be made on the current state.
Result<void> can_execute(const StateReader& state, ProposalKind kind, const Address& target) {
    switch (kind) {
        case ProposalKind::admit_issuer:
            return credential::can_admit(state, target);
        case ProposalKind::suspend_issuer:
            return credential::can_suspend(state, target);
        case ProposalKind::reinstate_issuer:
            return credential::can_reinstate(state, target);
    }
    return Error::from(reasons::kBadProposalKind, "unknown proposal kind");
}

// Makes the change and marks the proposal executed; the caller stores it.
Result<void> execute(Proposal& p, TxContext& ctx, StateView& state) {
    const uint64_t height = ctx.block.height;
    Result<ledger::Event> event = Error::from(reasons::kBadProposalKind, "unknown proposal kind");
    switch (p.kind) {
        case ProposalKind::admit_issuer:
            event = credential::admit_issuer(state, p.target, p.name, p.url, height);
            break;
        case ProposalKind::suspend_issuer:
            event = credential::suspend_issuer(state, p.target, height);
            break;
        case ProposalKind::reinstate_issuer:
            event = credential::reinstate_issuer(state, p.target, height);
            break;
    }
    if (!event) {
        return event.error();
    }
    p.status = ProposalStatus::executed;
    ctx.events.push_back(std::move(event).value());
    ctx.events.push_back({kGovernanceModule,
                          "proposal_executed",
                          {{"id", std::to_string(p.id)},
                           {"kind", std::string(to_string(p.kind))},
                           {"target", to_hex(p.target.bytes)}}});
    return {};
}

// Propose
Result<void> check(const Propose& m) {
    if (m.kind == ProposalKind::admit_issuer) {
        return credential::check_issuer_fields(m.name, m.url);
    }
    if (!m.name.empty() || !m.url.empty()) {
        return Error::from(reasons::kBadField,
                           "name: only an admit_issuer proposal has a name or url");
    }
    return {};
}

Result<void> verify(const Propose& m, const TxContext& ctx, const StateView& state) {
    AZORA_TRY(require_member(state, ctx.sender));
    return can_execute(state, m.kind, m.target);
}

Result<void> apply(const Propose& m, TxContext& ctx, StateView& state) {
    AZORA_ASSIGN(Council council, require_member(state, ctx.sender));
    AZORA_ASSIGN(uint64_t id, next_proposal_id(state));
    auto next = checked_add(id, 1);
    if (!next) {
        return Error::from(reasons::kProposalIdsExhausted, "no proposal id left");
    }
    set_next_proposal_id(state, *next);
    Proposal p;
    p.id = id;
    p.kind = m.kind;
    p.target = m.target;
    p.name = m.name;
    p.url = m.url;
    p.proposer = ctx.sender;
    p.approvals = {ctx.sender};
    p.created_height = ctx.block.height;
    // Saturates: a ttl reaching past u64 means the proposal never expires.
    p.expires_height =
        checked_add(ctx.block.height, council.proposal_ttl_blocks).value_or(UINT64_MAX);
    ctx.events.push_back({kGovernanceModule,
                          "proposal_created",
                          {{"id", std::to_string(id)},
                           {"kind", std::string(to_string(m.kind))},
                           {"target", to_hex(m.target.bytes)},
                           {"proposer", to_hex(ctx.sender.bytes)},
                           {"expires_height", std::to_string(p.expires_height)}}});
    if (p.approvals.size() >= council.threshold) {
        AZORA_TRY(execute(p, ctx, state));
    }
    store_proposal(state, p);
    return {};
}

// Approve
Result<void> check(const Approve&) {
    return {};
}

Result<Proposal> approvable(const StateReader& state, uint64_t id, const TxContext& ctx) {
    AZORA_ASSIGN(auto p, load_proposal(state, id));
    if (!p) {
        return Error::from(reasons::kProposalNotFound, "no proposal " + std::to_string(id));
    }
    switch (effective_status(*p, ctx.block.height)) {
        case ProposalStatus::executed:
            return Error::from(reasons::kProposalClosed, "the proposal was already executed");
        case ProposalStatus::expired:
            return Error::from(reasons::kProposalExpired, "approvals closed after height " +
                                                              std::to_string(p->expires_height));
        case ProposalStatus::open:
            break;
    }
    if (std::binary_search(p->approvals.begin(), p->approvals.end(), ctx.sender)) {
        return Error::from(reasons::kAlreadyApproved, "the sender already approved this proposal");
    }
    return std::move(*p);
}

Result<void> verify(const Approve& m, const TxContext& ctx, const StateView& state) {
    AZORA_TRY(require_member(state, ctx.sender));
    AZORA_TRY(approvable(state, m.proposal_id, ctx));
    return {};
}

Result<void> apply(const Approve& m, TxContext& ctx, StateView& state) {
    AZORA_ASSIGN(Council council, require_member(state, ctx.sender));
    AZORA_ASSIGN(Proposal p, approvable(state, m.proposal_id, ctx));
    p.approvals.insert(std::upper_bound(p.approvals.begin(), p.approvals.end(), ctx.sender),
                       ctx.sender);
    ctx.events.push_back({kGovernanceModule,
                          "proposal_approved",
                          {{"id", std::to_string(p.id)},
                           {"approver", to_hex(ctx.sender.bytes)},
                           {"approvals", std::to_string(p.approvals.size())}}});
    if (p.approvals.size() >= council.threshold) {
        AZORA_TRY(execute(p, ctx, state));
    }
    store_proposal(state, p);
    return {};
}

template <typename Msg>
ActionSpec action(uint16_t id, std::string name) {
    return make_action<Msg>(
        kGovernanceModule, id, std::move(name), [](ByteView p) { return Msg::decode(p); },
        [](const Msg& m) { return check(m); },
        [](const Msg& m, const TxContext& c, const StateView& s) { return verify(m, c, s); },
        [](const Msg& m, TxContext& c, StateView& s) { return apply(m, c, s); });
}

}  // namespace

std::vector<ActionSpec> actions() {
    return {action<Propose>(kPropose, "governance.propose"),
            action<Approve>(kApprove, "governance.approve")};
}

}  // namespace azora::vm::governance
