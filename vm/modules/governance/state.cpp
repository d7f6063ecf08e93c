#include "vm/modules/governance/state.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/state_key.hpp"

namespace azora::vm::governance {

Bytes council_key() {
    return state_key(kGovernanceModule, 'c');
}

Bytes next_proposal_id_key() {
    return state_key(kGovernanceModule, 'n');
}

Bytes proposal_key(uint64_t id) {
    Bytes be(8);
    for (int i = 0; i < 8; ++i) {
        be[static_cast<size_t>(i)] = static_cast<uint8_t>(id >> (8 * (7 - i)));
    }
    return state_key(kGovernanceModule, 'p', be);
}

Bytes proposals_prefix() {
    return state_key(kGovernanceModule, 'p');
}

Result<std::optional<Council>> load_council(const StateReader& state) {
    AZORA_ASSIGN(auto raw, state.get(council_key()));
    if (!raw) {
        return std::optional<Council>{};
    }
    auto c = Council::decode(*raw);
    if (!c) {
        return Error::from(reasons::kStateCorrupt, "bad council record: " + c.error().message);
    }
    return std::optional<Council>{std::move(c).value()};
}

Result<Proposal> decode_proposal_value(ByteView value) {
    auto p = Proposal::decode(value);
    if (!p) {
        return Error::from(reasons::kStateCorrupt, "bad proposal record: " + p.error().message);
    }
    return p;
}

Result<std::optional<Proposal>> load_proposal(const StateReader& state, uint64_t id) {
    AZORA_ASSIGN(auto raw, state.get(proposal_key(id)));
    if (!raw) {
        return std::optional<Proposal>{};
    }
    AZORA_ASSIGN(Proposal p, decode_proposal_value(*raw));
    return std::optional<Proposal>{std::move(p)};
}

Result<uint64_t> next_proposal_id(const StateReader& state) {
    AZORA_ASSIGN(auto raw, state.get(next_proposal_id_key()));
    if (!raw) {
        return uint64_t{1};
    }
    Reader r(*raw);
    auto v = r.u64();
    if (!v || !r.finish()) {
        return Error::from(reasons::kStateCorrupt, "bad next proposal id record");
    }
    return *v;
}

void store_council(StateView& state, const Council& c) {
    state.put(council_key(), c.encode());
}

void store_proposal(StateView& state, const Proposal& p) {
    state.put(proposal_key(p.id), p.encode());
}

void set_next_proposal_id(StateView& state, uint64_t id) {
    Writer w;
    w.u64(id);
    state.put(next_proposal_id_key(), w.take());
}

}  // namespace azora::vm::governance
