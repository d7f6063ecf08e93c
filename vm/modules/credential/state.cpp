#include "vm/modules/credential/state.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "vm/module_id.hpp"
#include "vm/state_key.hpp"

namespace azora::vm::credential {
namespace {

Bytes concat(ByteView a, ByteView b) {
    Bytes out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

}  // namespace

Hash32 credential_id(const Address& issuer, const Hash32& tx_hash, uint32_t index) {
    Writer w;
    w.fixed_bytes(issuer.bytes);
    w.fixed_bytes(tx_hash);
    w.u32(index);
    return tagged_hash(tags::kCredential, w.data());
}

Bytes credential_key(const Hash32& id) {
    return state_key(kCredentialModule, 'c', id);
}

Bytes issuer_key(const Address& issuer) {
    return state_key(kCredentialModule, 'i', issuer.bytes);
}

Bytes holder_index_key(const Address& holder, const Hash32& id) {
    return state_key(kCredentialModule, 'h', concat(holder.bytes, id));
}

Bytes issuer_index_key(const Address& issuer, const Hash32& id) {
    return state_key(kCredentialModule, 'm', concat(issuer.bytes, id));
}

Bytes issuers_prefix() {
    return state_key(kCredentialModule, 'i');
}

Bytes holder_index_prefix(const Address& holder) {
    return state_key(kCredentialModule, 'h', holder.bytes);
}

Bytes issuer_index_prefix(const Address& issuer) {
    return state_key(kCredentialModule, 'm', issuer.bytes);
}

Result<Credential> decode_credential_value(ByteView value) {
    auto c = Credential::decode(value);
    if (!c) {
        return Error::internal("state_corrupt", "bad credential record: " + c.error().message);
    }
    return c;
}

Result<Issuer> decode_issuer_value(ByteView value) {
    auto i = Issuer::decode(value);
    if (!i) {
        return Error::internal("state_corrupt", "bad issuer record: " + i.error().message);
    }
    return i;
}

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
