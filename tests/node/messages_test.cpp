#include "node/messages.hpp"

#include <gtest/gtest.h>

#include "consensus/proposal.hpp"
#include "node_test_util.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;

ledger::Block sample_block() {
    ledger::Block b;
    b.header.chain_id = std::string(genesis::kDevChainId);
    b.header.height = 7;
    b.txs.push_back(transfer(dev_key(0), dev_address(1), 5, 0));
    return b;
}

TEST(Messages, RoundTrips) {
    TxsMsg txs{
        {transfer(dev_key(0), dev_address(1), 5, 0), transfer(dev_key(1), dev_address(2), 6, 0)}};
    auto t = TxsMsg::decode(txs.encode());
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->txs, txs.txs);

    ProposalMsg p{7, 2, 1, 3, Signature{}, sample_block()};
    p.signature[5] = 9;
    auto pd = ProposalMsg::decode(p.encode());
    ASSERT_TRUE(pd.ok()) << pd.error().to_string();
    EXPECT_EQ(pd->block, p.block);
    EXPECT_EQ(pd->round, 2u);
    EXPECT_EQ(pd->pol_round, 1u);
    EXPECT_EQ(pd->proposer_index, 3u);
    EXPECT_EQ(pd->signature, p.signature);

    VoteMsg v{consensus::VoteType::precommit, 9, 1, Hash32{}, 2, Signature{}};
    v.block_hash[0] = 1;
    auto vd = VoteMsg::decode(v.encode());
    ASSERT_TRUE(vd.ok());
    EXPECT_EQ(vd->encode(), v.encode());

    auto sd = StatusMsg::decode(StatusMsg{12, Hash32{}}.encode());
    ASSERT_TRUE(sd.ok());
    EXPECT_EQ(sd->height, 12u);

    ledger::Commit c;
    c.height = 7;
    c.block_hash = p.block.hash();
    c.signatures.push_back({0, Signature{}});
    auto rd = BlockResponseMsg::decode(BlockResponseMsg{p.block, c}.encode());
    ASSERT_TRUE(rd.ok()) << rd.error().to_string();
    EXPECT_EQ(rd->commit, c);
}

TEST(Messages, HostileInputIsRefused) {
    // Empty tx list, truncations and trailing bytes.
    EXPECT_FALSE(TxsMsg::decode(TxsMsg{}.encode()).ok());
    Bytes vote = VoteMsg{}.encode();
    vote.push_back(0);
    EXPECT_FALSE(VoteMsg::decode(vote).ok());
    vote.pop_back();
    vote.pop_back();
    EXPECT_FALSE(VoteMsg::decode(vote).ok());
    Bytes bad_type = VoteMsg{}.encode();
    bad_type[0] = 7;
    EXPECT_FALSE(VoteMsg::decode(bad_type).ok());
    EXPECT_FALSE(BlockRequestMsg::decode(BlockRequestMsg{0}.encode()).ok());
    EXPECT_FALSE(StatusMsg::decode(Bytes(39, 0)).ok());

    // A proposal whose height differs from its block's.
    ProposalMsg p{8, 0, consensus::kNoRoundWire, 0, Signature{}, sample_block()};
    EXPECT_FALSE(ProposalMsg::decode(p.encode()).ok());
    // A block response whose commit is for another block.
    ledger::Commit c;
    c.height = 7;
    EXPECT_FALSE(BlockResponseMsg::decode(BlockResponseMsg{sample_block(), c}.encode()).ok());
    // A tx count the input cannot hold.
    EXPECT_FALSE(TxsMsg::decode(Bytes{0xfd, 0xe8, 0x03}).ok());
    // Random bytes never crash a decoder.
    Bytes junk(300);
    for (size_t i = 0; i < junk.size(); ++i) {
        junk[i] = static_cast<uint8_t>(i * 37 + 11);
    }
    for (size_t n = 0; n < junk.size(); n += 7) {
        ByteView v(junk.data(), n);
        (void)TxsMsg::decode(v);
        (void)ProposalMsg::decode(v);
        (void)VoteMsg::decode(v);
        (void)BlockResponseMsg::decode(v);
    }
}

// Decodes `in` as a T and encodes it again; nullopt if it does not decode.
template <typename T>
std::optional<Bytes> reencode(ByteView in) {
    auto decoded = T::decode(in);
    return decoded.ok() ? std::optional<Bytes>(decoded->encode()) : std::nullopt;
}

// Every truncation of a valid message fails, and every byte flip either fails or decodes to a
// value whose encoding is exactly the input: one encoding per value, so the message ids that
// gossip de-duplicates on cannot be varied, and nothing is silently skipped.
template <typename T>
void expect_mutations_fail_or_stay_canonical(const T& msg, const char* what) {
    SCOPED_TRACE(what);
    const Bytes original = msg.encode();
    ASSERT_EQ(reencode<T>(original), original);
    for (size_t len = 0; len < original.size(); ++len) {
        EXPECT_FALSE(reencode<T>(ByteView(original).first(len)).has_value()) << "length " << len;
    }
    for (size_t i = 0; i < original.size(); ++i) {
        for (uint8_t flip : {0x01, 0x80, 0xff}) {
            Bytes mutated = original;
            mutated[i] ^= flip;
            if (auto again = reencode<T>(mutated)) {
                EXPECT_EQ(*again, mutated) << "byte " << i << " ^ " << int(flip);
            }
        }
    }
}

TEST(Messages, MutationsFailOrStayCanonical) {
    expect_mutations_fail_or_stay_canonical(TxsMsg{{transfer(dev_key(0), dev_address(1), 5, 0),
                                                    transfer(dev_key(1), dev_address(2), 6, 3)}},
                                            "txs");
    ProposalMsg p{7, 2, 1, 3, Signature{}, sample_block()};
    p.signature.fill(0x5a);
    expect_mutations_fail_or_stay_canonical(p, "proposal");
    VoteMsg v{consensus::VoteType::prevote, 9, 1, Hash32{}, 2, Signature{}};
    v.block_hash.fill(0x11);
    v.signature.fill(0x22);
    expect_mutations_fail_or_stay_canonical(v, "vote");
    Hash32 head{};
    head.fill(0x33);
    expect_mutations_fail_or_stay_canonical(StatusMsg{12, head}, "status");
    expect_mutations_fail_or_stay_canonical(BlockRequestMsg{40}, "block_request");
    ledger::Commit c;
    c.height = 7;
    c.round = 1;
    c.block_hash = p.block.hash();
    c.signatures.push_back({0, Signature{}});
    c.signatures.push_back({2, Signature{}});
    expect_mutations_fail_or_stay_canonical(BlockResponseMsg{p.block, c}, "block_response");
}

}  // namespace
}  // namespace azora::node
