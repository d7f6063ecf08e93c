#include "ledger/tx.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {
namespace {
void encode_fields(const Tx& tx, Writer& w) {
    w.u32(tx.version);
    w.string(tx.chain_id);
    w.fixed_bytes(tx.sender);
    w.u64(tx.nonce);
    w.u64(tx.gas_limit);
    w.u64(tx.gas_price);
    w.u64(tx.expires_at_height);
    w.u16(tx.module);
    w.u16(tx.action);
    w.bytes(tx.payload);
}
}  // namespace

Bytes Tx::encode_unsigned() const {
    Writer w;
    w.reserve(128 + payload.size());
    encode_fields(*this, w);
    return w.take();
}

void Tx::encode_to(Writer& w) const {
    encode_fields(*this, w);
    w.fixed_bytes(signature);
}

Bytes Tx::encode() const {
    Writer w;
    w.reserve(192 + payload.size());
    encode_to(w);
    return w.take();
}

Result<Tx> Tx::decode_from(Reader& r) {
    Tx tx;
    AZORA_ASSIGN(tx.version, r.u32());
    if (tx.version != kTxVersion) {
        return Error::from(reasons::kBadVersion, "unsupported tx version");
    }
    AZORA_ASSIGN(tx.chain_id, r.string(limits::kChainIdMax));
    AZORA_ASSIGN(tx.sender, r.fixed_bytes<32>());
    AZORA_ASSIGN(tx.nonce, r.u64());
    AZORA_ASSIGN(tx.gas_limit, r.u64());
    AZORA_ASSIGN(tx.gas_price, r.u64());
    AZORA_ASSIGN(tx.expires_at_height, r.u64());
    AZORA_ASSIGN(tx.module, r.u16());
    AZORA_ASSIGN(tx.action, r.u16());
    AZORA_ASSIGN(tx.payload, r.bytes(limits::kPayloadMax));
    AZORA_ASSIGN(tx.signature, r.fixed_bytes<64>());
    return tx;
}

Result<Tx> Tx::decode(ByteView in) {
    if (in.size() > limits::kTxMax) {
        return Error::from(reasons::kTxTooLarge, "transaction exceeds the size limit");
    }
    return decode_all<Tx>(in, [](Reader& r) { return decode_from(r); });
}

Hash32 Tx::signing_hash() const {
    return tagged_hash(tags::kTx, encode_unsigned());
}

Hash32 Tx::hash() const {
    return tagged_hash(tags::kTx, encode());
}

void Tx::sign(const PrivateKey& key) {
    sender = key.public_key();
    Hash32 msg = signing_hash();
    signature = key.sign(msg);
}

bool Tx::verify_signature() const {
    Hash32 msg = signing_hash();
    return azora::verify_signature(sender, msg, signature);
}

}  // namespace azora::ledger
