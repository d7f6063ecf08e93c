#include "consensus/proposal.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"

namespace azora::consensus {

uint32_t pol_round_to_wire(OptRound r) {
    return r < 0 ? kNoRoundWire : static_cast<uint32_t>(r);
}

OptRound pol_round_from_wire(uint32_t w) {
    return w == kNoRoundWire ? kNoRound : static_cast<OptRound>(w);
}

Bytes ProposalData::encode() const {
    Writer w;
    w.string(chain_id);
    w.u64(height);
    w.u32(round);
    w.u32(pol_round_to_wire(pol_round));
    w.fixed_bytes(block_hash);
    return w.take();
}

Hash32 ProposalData::signing_hash() const {
    return tagged_hash(tags::kProposal, encode());
}

bool verify_proposal(const PubKey& pubkey, const ProposalData& data, const Signature& sig) {
    return verify_signature(pubkey, data.signing_hash(), sig);
}

}  // namespace azora::consensus
