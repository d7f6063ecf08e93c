#include "ledger/block.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"

namespace azora::ledger {
namespace {

PrivateKey key(uint8_t n) {
    Hash32 secret{};
    secret[31] = n;
    return *PrivateKey::from_bytes(secret);
}

Tx make_tx(uint64_t nonce, Bytes payload) {
    Tx tx;
    tx.chain_id = "azora-test-1";
    tx.nonce = nonce;
    tx.gas_limit = 10'000;
    tx.gas_price = 2;
    tx.module = 1;
    tx.action = 1;
    tx.payload = std::move(payload);
    tx.sign(key(5));
    return tx;
}

Block sample_block(size_t n_txs) {
    Block b;
    b.header.chain_id = "azora-test-1";
    b.header.height = 7;
    b.header.time_ms = 1'700'000'007'000;
    b.header.parent.fill(0x01);
    b.header.proposer.bytes.fill(0xee);
    std::vector<Hash32> hashes;
    for (size_t i = 0; i < n_txs; ++i) {
        b.txs.push_back(make_tx(i, Bytes(i + 1, static_cast<uint8_t>(i))));
        hashes.push_back(b.txs.back().hash());
    }
    b.header.tx_root = compute_tx_root(hashes);
    return b;
}

std::string reason(const Result<Block>& r) {
    return r.ok() ? "<ok>" : r.error().reason;
}

// Inner node by hand: SHA256(SHA256(tag) || SHA256(tag) || left || right), written with the
// one-buffer tagged_hash so it does not lean on the two-hash overload list_root uses.
Hash32 node(const Hash32& left, const Hash32& right) {
    Bytes buf(left.begin(), left.end());
    buf.insert(buf.end(), right.begin(), right.end());
    return tagged_hash("azora/txroot", buf);
}

std::vector<Hash32> leaves(size_t n) {
    std::vector<Hash32> out;
    for (size_t i = 0; i < n; ++i) {
        out.push_back(sha256(as_bytes("leaf " + std::to_string(i))));
    }
    return out;
}

TEST(ListRoot, MatchesHandComputation) {
    const auto l = leaves(5);
    EXPECT_EQ(compute_tx_root({}), Hash32{});
    EXPECT_EQ(compute_tx_root({l[0]}), l[0]);
    EXPECT_EQ(compute_tx_root({l[0], l[1]}), node(l[0], l[1]));
    // 3 leaves split 2 + 1.
    EXPECT_EQ(compute_tx_root({l[0], l[1], l[2]}), node(node(l[0], l[1]), l[2]));
    EXPECT_EQ(compute_tx_root({l[0], l[1], l[2], l[3]}), node(node(l[0], l[1]), node(l[2], l[3])));
    // 5 leaves split 4 + 1.
    EXPECT_EQ(compute_tx_root(l), node(node(node(l[0], l[1]), node(l[2], l[3])), l[4]));
}

TEST(ListRoot, OrderAndTagMatter) {
    const auto l = leaves(3);
    EXPECT_NE(compute_tx_root({l[0], l[1], l[2]}), compute_tx_root({l[1], l[0], l[2]}));
    EXPECT_NE(list_root("azora/txroot", l), list_root("azora/receiptroot", l));
    EXPECT_EQ(list_root("azora/txroot", l), compute_tx_root(l));
    // A list is not the same as its own prefix padded with a repeated last leaf.
    EXPECT_NE(compute_tx_root({l[0], l[1], l[2]}), compute_tx_root({l[0], l[1], l[2], l[2]}));
}

TEST(Block, RoundTrip) {
    for (size_t n : {0, 1, 3}) {
        const Block b = sample_block(n);
        auto back = Block::decode(b.encode());
        ASSERT_TRUE(back.ok()) << n << ": " << back.error().to_string();
        EXPECT_EQ(*back, b);
        EXPECT_EQ(back->hash(), b.header.hash());
    }
}

TEST(Block, LayoutIsHeaderCountThenLengthPrefixedTxsThenEvidence) {
    const Block b = sample_block(2);
    Writer w;
    b.header.encode_to(w);
    w.u8(2);
    w.bytes(b.txs[0].encode());
    w.bytes(b.txs[1].encode());
    w.u8(0);  // no evidence
    EXPECT_EQ(b.encode(), w.data());
}

TEST(Block, TxRootCommitsToTheTxs) {
    const Block b = sample_block(3);
    EXPECT_EQ(b.header.tx_root, node(node(b.txs[0].hash(), b.txs[1].hash()), b.txs[2].hash()));
}

TEST(Block, StrictDecoding) {
    const Bytes enc = sample_block(2).encode();
    for (size_t len = 0; len < enc.size(); ++len) {
        ASSERT_FALSE(Block::decode(ByteView(enc).first(len)).ok()) << len;
    }
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_EQ(reason(Block::decode(trailing)), "decode_error");

    // A tx slot holding a tx plus one extra byte: the nested tx decode must refuse it.
    const Block one = sample_block(1);
    Writer w;
    one.header.encode_to(w);
    w.u8(1);
    Bytes padded = one.txs[0].encode();
    padded.push_back(0);
    w.bytes(padded);
    w.u8(0);
    EXPECT_EQ(reason(Block::decode(w.data())), "decode_error");

    // More txs than the limit, stated in the count.
    Writer big;
    one.header.encode_to(big);
    big.varint(limits::kBlockTxsMax + 1);
    EXPECT_EQ(reason(Block::decode(big.data())), "decode_error");

    // A bad tx version inside the block.
    Writer badv;
    one.header.encode_to(badv);
    badv.u8(1);
    Bytes tx = one.txs[0].encode();
    tx[0] = 9;
    badv.bytes(tx);
    EXPECT_EQ(reason(Block::decode(badv.data())), "bad_version");
}

}  // namespace
}  // namespace azora::ledger
