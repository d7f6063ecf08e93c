#include "vm/modules/credential/keys.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
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
        return Error::from(reasons::kStateCorrupt, "bad credential record: " + c.error().message);
    }
    return c;
}

Result<Issuer> decode_issuer_value(ByteView value) {
    auto i = Issuer::decode(value);
    if (!i) {
        return Error::from(reasons::kStateCorrupt, "bad issuer record: " + i.error().message);
    }
    return i;
}

}  // namespace azora::vm::credential
