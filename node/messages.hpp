#pragma once

#include <cstdint>
#include <vector>

#include "consensus/vote.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "ledger/block.hpp"
#include "ledger/commit.hpp"
#include "ledger/tx.hpp"

namespace azora::node {

/// Application messages carried in P2P frames (docs/p2p.md, "Application messages"). Types
/// below 0x10 belong to the transport.
enum class MsgType : uint8_t {
    txs = 0x10,
    proposal = 0x11,
    vote = 0x12,
    status = 0x13,
    block_request = 0x14,
    block_response = 0x15,
    evidence = 0x16,
};

inline constexpr size_t kMaxTxsPerMsg = 1000;

/// Transactions for the mempool (1 to kMaxTxsPerMsg).
struct TxsMsg {
    std::vector<ledger::Tx> txs;
    Bytes encode() const;
    static Result<TxsMsg> decode(ByteView in);
};

/// A signed proposal with its block. The signature covers ProposalData (consensus/proposal.hpp)
/// built from these fields, the receiver's chain id and block.hash().
struct ProposalMsg {
    uint64_t height = 0;
    uint32_t round = 0;
    uint32_t pol_round = 0;  ///< wire form: 0xffffffff = none
    uint32_t proposer_index = 0;
    Signature signature{};
    ledger::Block block;
    Bytes encode() const;
    static Result<ProposalMsg> decode(ByteView in);
};

/// A signed prevote or precommit; the chain id is the receiver's own.
struct VoteMsg {
    consensus::VoteType type = consensus::VoteType::prevote;
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};
    uint32_t validator_index = 0;
    Signature signature{};
    Bytes encode() const;
    static Result<VoteMsg> decode(ByteView in);
    consensus::Vote to_vote(const std::string& chain_id) const;
    static VoteMsg from_vote(const consensus::Vote& v);
};

/// The sender's committed head.
struct StatusMsg {
    uint64_t height = 0;
    Hash32 head_hash{};
    Bytes encode() const;
    static Result<StatusMsg> decode(ByteView in);
};

/// Asks for the committed block at `height` with its commit.
struct BlockRequestMsg {
    uint64_t height = 0;
    Bytes encode() const;
    static Result<BlockRequestMsg> decode(ByteView in);
};

/// A committed block and the commit that finalized it.
struct BlockResponseMsg {
    ledger::Block block;
    ledger::Commit commit;
    Bytes encode() const;
    static Result<BlockResponseMsg> decode(ByteView in);
};

}  // namespace azora::node
