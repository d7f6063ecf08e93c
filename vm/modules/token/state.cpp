#include "vm/modules/token/state.hpp"

#include "core/amount.hpp"
#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/state_key.hpp"

namespace azora::vm::token {
namespace {
Result<uint64_t> read_u64(const StateReader& state, const Bytes& key) {
    AZORA_ASSIGN(auto raw, state.get(key));
    if (!raw) {
        return uint64_t{0};
    }
    Reader r(*raw);
    auto v = r.u64();
    if (!v || !r.finish()) {
        return Error::from(reasons::kStateCorrupt, "bad token record");
    }
    return *v;
}

void write_u64(StateView& state, const Bytes& key, uint64_t v) {
    if (v == 0) {
        state.del(key);
        return;
    }
    Writer w;
    w.u64(v);
    state.put(key, w.take());
}
}  // namespace

Bytes balance_key(const Address& addr) {
    return state_key(kTokenModule, 'b', addr.bytes);
}

Bytes supply_key() {
    return state_key(kTokenModule, 's');
}

Result<uint64_t> balance(const StateReader& state, const Address& addr) {
    return read_u64(state, balance_key(addr));
}

Result<uint64_t> supply(const StateReader& state) {
    return read_u64(state, supply_key());
}

Result<void> credit(StateView& state, const Address& addr, uint64_t amount) {
    Bytes key = balance_key(addr);
    AZORA_ASSIGN(uint64_t current, read_u64(state, key));
    auto next = checked_add(current, amount);
    if (!next) {
        return Error::from(reasons::kAmountOverflow, "balance would overflow");
    }
    write_u64(state, key, *next);
    return {};
}

Result<void> debit(StateView& state, const Address& addr, uint64_t amount) {
    Bytes key = balance_key(addr);
    AZORA_ASSIGN(uint64_t current, read_u64(state, key));
    if (current < amount) {
        return Error::from(
            reasons::kInsufficientFunds,
            "balance " + std::to_string(current) + " is less than " + std::to_string(amount));
    }
    write_u64(state, key, current - amount);
    return {};
}

Result<void> transfer(StateView& state, const Address& from, const Address& to, uint64_t amount) {
    AZORA_TRY(debit(state, from, amount));
    return credit(state, to, amount);
}

void set_supply(StateView& state, uint64_t amount) {
    write_u64(state, supply_key(), amount);
}

}  // namespace azora::vm::token
