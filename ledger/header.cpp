#include "ledger/header.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {

void Header::encode_to(Writer& w) const {
    w.u32(version);
    w.string(chain_id);
    w.u64(height);
    w.u64(time_ms);
    w.fixed_bytes(parent);
    w.fixed_bytes(tx_root);
    w.fixed_bytes(evidence_root);
    w.fixed_bytes(receipts_root);
    w.fixed_bytes(state_root);
    w.fixed_bytes(validators_hash);
    w.fixed_bytes(next_validators_hash);
    w.fixed_bytes(proposer.bytes);
}

Bytes Header::encode() const {
    Writer w;
    w.reserve(288);
    encode_to(w);
    return w.take();
}

Result<Header> Header::decode_from(Reader& r) {
    Header h;
    AZORA_ASSIGN(h.version, r.u32());
    if (h.version != kHeaderVersion) {
        return Error::from(reasons::kBadVersion, "unsupported header version");
    }
    AZORA_ASSIGN(h.chain_id, r.string(limits::kChainIdMax));
    AZORA_ASSIGN(h.height, r.u64());
    AZORA_ASSIGN(h.time_ms, r.u64());
    AZORA_ASSIGN(h.parent, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.tx_root, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.evidence_root, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.receipts_root, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.state_root, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.validators_hash, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.next_validators_hash, r.fixed_bytes<32>());
    AZORA_ASSIGN(h.proposer.bytes, r.fixed_bytes<20>());
    return h;
}

Result<Header> Header::decode(ByteView in) {
    return decode_all<Header>(in, [](Reader& r) { return decode_from(r); });
}

Hash32 Header::hash() const {
    return tagged_hash(tags::kBlock, encode());
}

}  // namespace azora::ledger
