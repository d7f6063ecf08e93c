#include "vm/accounts.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/state_key.hpp"

namespace azora::vm::accounts {

Bytes nonce_key(const Address& addr) {
    return state_key(kSystemModule, 'n', addr.bytes);
}

Result<uint64_t> get_nonce(const StateReader& state, const Address& addr) {
    AZORA_ASSIGN(auto raw, state.get(nonce_key(addr)));
    if (!raw) {
        return uint64_t{0};
    }
    Reader r(*raw);
    auto n = r.u64();
    if (!n || !r.finish()) {
        return Error::from(reasons::kStateCorrupt, "bad nonce record");
    }
    return *n;
}

void set_nonce(StateView& state, const Address& addr, uint64_t nonce) {
    Writer w;
    w.u64(nonce);
    state.put(nonce_key(addr), w.take());
}

}  // namespace azora::vm::accounts
