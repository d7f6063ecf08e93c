#include "vm/modules/credential/state.hpp"

namespace azora::vm::credential {
Result<std::optional<Credential>> load_credential(const StateReader& state, const Hash32& id) {
    AZORA_ASSIGN(auto raw, state.get(credential_key(id)));
    if (!raw) {
        return std::optional<Credential>{};
    }
    AZORA_ASSIGN(Credential c, decode_credential_value(*raw));
    return std::optional<Credential>{std::move(c)};
}

Result<std::optional<Issuer>> load_issuer(const StateReader& state, const Address& issuer) {
    AZORA_ASSIGN(auto raw, state.get(issuer_key(issuer)));
    if (!raw) {
        return std::optional<Issuer>{};
    }
    AZORA_ASSIGN(Issuer i, decode_issuer_value(*raw));
    return std::optional<Issuer>{std::move(i)};
}

void store_credential(StateView& state, const Credential& c) {
    state.put(credential_key(c.id), c.encode());
}

void store_issuer(StateView& state, const Issuer& i) {
    state.put(issuer_key(i.address), i.encode());
}

void insert_credential(StateView& state, const Credential& c) {
    store_credential(state, c);
    state.put(holder_index_key(c.holder, c.id), {});
    state.put(issuer_index_key(c.issuer, c.id), {});
}

void move_credential(StateView& state, Credential c, const Address& to) {
    state.del(holder_index_key(c.holder, c.id));
    c.holder = to;
    state.put(holder_index_key(c.holder, c.id), {});
    store_credential(state, c);
}

}  // namespace azora::vm::credential
