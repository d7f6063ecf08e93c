#include "ledger/evidence.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "ledger/merkle.hpp"

namespace azora::ledger {

void DuplicateVoteEvidence::encode_to(Writer& w) const {
    w.u8(vote_type);
    w.u64(height);
    w.u32(round);
    w.u32(validator_index);
    w.fixed_bytes(validator);
    w.fixed_bytes(block_hash_a);
    w.fixed_bytes(sig_a);
    w.fixed_bytes(block_hash_b);
    w.fixed_bytes(sig_b);
}

Bytes DuplicateVoteEvidence::encode() const {
    Writer w;
    w.reserve(kDuplicateVoteEvidenceSize);
    encode_to(w);
    return w.take();
}

Result<void> DuplicateVoteEvidence::check_form() const {
    if (vote_type != 1 && vote_type != 2) {
        return Error::from(reasons::kEvidenceBadType, "vote type must be 1 or 2");
    }
    if (block_hash_a == block_hash_b) {
        return Error::from(reasons::kEvidenceSameVote, "both votes are for the same block hash");
    }
    // Hash32 compares bytewise (std::array), which is the canonical order.
    if (block_hash_b < block_hash_a) {
        return Error::from(reasons::kEvidenceBadOrder,
                           "block_hash_a must sort before block_hash_b");
    }
    return ok_result();
}

Result<DuplicateVoteEvidence> DuplicateVoteEvidence::decode_from(Reader& r) {
    DuplicateVoteEvidence e;
    AZORA_ASSIGN(e.vote_type, r.u8());
    AZORA_ASSIGN(e.height, r.u64());
    AZORA_ASSIGN(e.round, r.u32());
    AZORA_ASSIGN(e.validator_index, r.u32());
    AZORA_ASSIGN(e.validator, r.fixed_bytes<32>());
    AZORA_ASSIGN(e.block_hash_a, r.fixed_bytes<32>());
    AZORA_ASSIGN(e.sig_a, r.fixed_bytes<64>());
    AZORA_ASSIGN(e.block_hash_b, r.fixed_bytes<32>());
    AZORA_ASSIGN(e.sig_b, r.fixed_bytes<64>());
    AZORA_TRY(e.check_form());
    return e;
}

Result<DuplicateVoteEvidence> DuplicateVoteEvidence::decode(ByteView in) {
    return decode_all<DuplicateVoteEvidence>(in, [](Reader& r) { return decode_from(r); });
}

Hash32 DuplicateVoteEvidence::hash() const {
    return tagged_hash(tags::kEvidence, encode());
}

Hash32 compute_evidence_root(const std::vector<Evidence>& evidence) {
    std::vector<Hash32> hashes;
    hashes.reserve(evidence.size());
    for (const auto& e : evidence) {
        hashes.push_back(e.hash());
    }
    return list_root(tags::kEvidenceRoot, hashes);
}

}  // namespace azora::ledger
