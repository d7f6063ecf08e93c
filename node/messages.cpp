#include "node/messages.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::node {

namespace {

Error bad_message(const std::string& what) {
    return Error::from(reasons::kBadMessage, what);
}

}  // namespace

Bytes TxsMsg::encode() const {
    Writer w;
    w.varint(txs.size());
    for (const auto& tx : txs) {
        w.bytes(tx.encode());
    }
    return w.take();
}

Result<TxsMsg> TxsMsg::decode(ByteView in) {
    return decode_all<TxsMsg>(in, [](Reader& r) -> Result<TxsMsg> {
        AZORA_ASSIGN(size_t n, r.count(kMaxTxsPerMsg, ledger::limits::kMinTxBytes));
        if (n == 0) {
            return bad_message("txs message without transactions");
        }
        TxsMsg m;
        m.txs.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            AZORA_ASSIGN(Bytes raw, r.bytes(ledger::limits::kTxMax));
            AZORA_ASSIGN(ledger::Tx tx, ledger::Tx::decode(raw));
            m.txs.push_back(std::move(tx));
        }
        return m;
    });
}

Bytes ProposalMsg::encode() const {
    Writer w;
    w.u64(height);
    w.u32(round);
    w.u32(pol_round);
    w.u32(proposer_index);
    w.fixed_bytes(signature);
    w.raw(block.encode());
    return w.take();
}

Result<ProposalMsg> ProposalMsg::decode(ByteView in) {
    Reader r(in);
    ProposalMsg m;
    AZORA_ASSIGN(m.height, r.u64());
    AZORA_ASSIGN(m.round, r.u32());
    AZORA_ASSIGN(m.pol_round, r.u32());
    AZORA_ASSIGN(m.proposer_index, r.u32());
    AZORA_ASSIGN(m.signature, r.fixed_bytes<64>());
    // The block takes the rest of the message.
    AZORA_ASSIGN(m.block, ledger::Block::decode(in.subspan(r.position())));
    if (m.block.header.height != m.height) {
        return bad_message("proposal height differs from its block's height");
    }
    return m;
}

Bytes VoteMsg::encode() const {
    Writer w;
    w.u8(static_cast<uint8_t>(type));
    w.u64(height);
    w.u32(round);
    w.fixed_bytes(block_hash);
    w.u32(validator_index);
    w.fixed_bytes(signature);
    return w.take();
}

Result<VoteMsg> VoteMsg::decode(ByteView in) {
    return decode_all<VoteMsg>(in, [](Reader& r) -> Result<VoteMsg> {
        VoteMsg m;
        AZORA_ASSIGN(uint8_t type, r.u8());
        if (type != static_cast<uint8_t>(consensus::VoteType::prevote) &&
            type != static_cast<uint8_t>(consensus::VoteType::precommit)) {
            return bad_message("unknown vote type");
        }
        m.type = static_cast<consensus::VoteType>(type);
        AZORA_ASSIGN(m.height, r.u64());
        AZORA_ASSIGN(m.round, r.u32());
        AZORA_ASSIGN(m.block_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(m.validator_index, r.u32());
        AZORA_ASSIGN(m.signature, r.fixed_bytes<64>());
        return m;
    });
}

consensus::Vote VoteMsg::to_vote(const std::string& chain_id) const {
    return consensus::Vote{{type, chain_id, height, round, block_hash}, validator_index, signature};
}

VoteMsg VoteMsg::from_vote(const consensus::Vote& v) {
    return VoteMsg{v.data.type,       v.data.height,     v.data.round,
                   v.data.block_hash, v.validator_index, v.signature};
}

Bytes StatusMsg::encode() const {
    Writer w;
    w.u64(height);
    w.fixed_bytes(head_hash);
    return w.take();
}

Result<StatusMsg> StatusMsg::decode(ByteView in) {
    return decode_all<StatusMsg>(in, [](Reader& r) -> Result<StatusMsg> {
        StatusMsg m;
        AZORA_ASSIGN(m.height, r.u64());
        AZORA_ASSIGN(m.head_hash, r.fixed_bytes<32>());
        return m;
    });
}

Bytes BlockRequestMsg::encode() const {
    Writer w;
    w.u64(height);
    return w.take();
}

Result<BlockRequestMsg> BlockRequestMsg::decode(ByteView in) {
    return decode_all<BlockRequestMsg>(in, [](Reader& r) -> Result<BlockRequestMsg> {
        BlockRequestMsg m;
        AZORA_ASSIGN(m.height, r.u64());
        if (m.height == 0) {
            return bad_message("block request for height 0");
        }
        return m;
    });
}

Bytes BlockResponseMsg::encode() const {
    Writer w;
    w.bytes(commit.encode());
    w.raw(block.encode());
    return w.take();
}

Result<BlockResponseMsg> BlockResponseMsg::decode(ByteView in) {
    Reader r(in);
    BlockResponseMsg m;
    AZORA_ASSIGN(Bytes commit, r.bytes(in.size()));
    AZORA_ASSIGN(m.commit, ledger::Commit::decode(commit));
    AZORA_ASSIGN(m.block, ledger::Block::decode(in.subspan(r.position())));
    if (m.commit.height != m.block.header.height || m.commit.block_hash != m.block.hash()) {
        return bad_message("commit is not for the block it came with");
    }
    return m;
}

}  // namespace azora::node
