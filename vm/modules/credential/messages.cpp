#include "vm/modules/credential/messages.hpp"

#include "core/encoding.hpp"
#include "ledger/limits.hpp"

namespace azora::vm::credential {
namespace {

// Field limits are the action's check, not the decoder's: see messages.hpp.
constexpr size_t kStringBound = ledger::limits::kPayloadMax;
// address + hash + an empty suffix's length byte
constexpr size_t kMinItemBytes = 20 + 32 + 1;

}  // namespace

Bytes Mint::encode() const {
    Writer w;
    w.fixed_bytes(holder.bytes);
    w.string(credential_class);
    w.string(title);
    w.fixed_bytes(metadata_hash);
    w.string(metadata_uri);
    w.u64(expires_at);
    w.boolean(transferable);
    return w.take();
}

Result<Mint> Mint::decode(ByteView payload) {
    return decode_all<Mint>(payload, [](Reader& r) -> Result<Mint> {
        Mint m;
        AZORA_ASSIGN(m.holder.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(m.credential_class, r.string(kStringBound));
        AZORA_ASSIGN(m.title, r.string(kStringBound));
        AZORA_ASSIGN(m.metadata_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(m.metadata_uri, r.string(kStringBound));
        AZORA_ASSIGN(m.expires_at, r.u64());
        AZORA_ASSIGN(m.transferable, r.boolean());
        return m;
    });
}

Bytes BatchMint::encode() const {
    Writer w;
    w.string(credential_class);
    w.string(title);
    w.u64(expires_at);
    w.boolean(transferable);
    w.string(metadata_uri_prefix);
    w.varint(items.size());
    for (const auto& item : items) {
        w.fixed_bytes(item.holder.bytes);
        w.fixed_bytes(item.metadata_hash);
        w.string(item.metadata_uri_suffix);
    }
    return w.take();
}

Result<BatchMint> BatchMint::decode(ByteView payload) {
    return decode_all<BatchMint>(payload, [](Reader& r) -> Result<BatchMint> {
        BatchMint b;
        AZORA_ASSIGN(b.credential_class, r.string(kStringBound));
        AZORA_ASSIGN(b.title, r.string(kStringBound));
        AZORA_ASSIGN(b.expires_at, r.u64());
        AZORA_ASSIGN(b.transferable, r.boolean());
        AZORA_ASSIGN(b.metadata_uri_prefix, r.string(kStringBound));
        // The item count limit is checked by the action (bad_batch); here only what the
        // payload can hold.
        AZORA_ASSIGN(size_t n, r.count(kStringBound, kMinItemBytes));
        b.items.resize(n);
        for (auto& item : b.items) {
            AZORA_ASSIGN(item.holder.bytes, r.fixed_bytes<20>());
            AZORA_ASSIGN(item.metadata_hash, r.fixed_bytes<32>());
            AZORA_ASSIGN(item.metadata_uri_suffix, r.string(kStringBound));
        }
        return b;
    });
}

Bytes Revoke::encode() const {
    Writer w;
    w.fixed_bytes(id);
    w.string(reason);
    return w.take();
}

Result<Revoke> Revoke::decode(ByteView payload) {
    return decode_all<Revoke>(payload, [](Reader& r) -> Result<Revoke> {
        Revoke v;
        AZORA_ASSIGN(v.id, r.fixed_bytes<32>());
        AZORA_ASSIGN(v.reason, r.string(kStringBound));
        return v;
    });
}

Bytes Transfer::encode() const {
    Writer w;
    w.fixed_bytes(id);
    w.fixed_bytes(to.bytes);
    return w.take();
}

Result<Transfer> Transfer::decode(ByteView payload) {
    return decode_all<Transfer>(payload, [](Reader& r) -> Result<Transfer> {
        Transfer t;
        AZORA_ASSIGN(t.id, r.fixed_bytes<32>());
        AZORA_ASSIGN(t.to.bytes, r.fixed_bytes<20>());
        return t;
    });
}

}  // namespace azora::vm::credential
