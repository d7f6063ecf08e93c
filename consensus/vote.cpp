#include "consensus/vote.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"

namespace azora::consensus {

Bytes VoteData::encode() const {
    Writer w;
    w.u8(static_cast<uint8_t>(type));
    w.string(chain_id);
    w.u64(height);
    w.u32(round);
    w.fixed_bytes(block_hash);
    return w.take();
}

Hash32 VoteData::signing_hash() const {
    return tagged_hash(tags::kVote, encode());
}

Signature sign_vote(const PrivateKey& key, const VoteData& data) {
    return key.sign(data.signing_hash());
}

bool verify_vote(const PubKey& pubkey, const VoteData& data, const Signature& sig) {
    return verify_signature(pubkey, data.signing_hash(), sig);
}

}  // namespace azora::consensus
