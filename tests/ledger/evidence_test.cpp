#include "ledger/evidence.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "ledger/block.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"

namespace azora::ledger {
namespace {

Hash32 filled(uint8_t b) {
    Hash32 h;
    h.fill(b);
    return h;
}

DuplicateVoteEvidence sample(uint8_t seed = 0) {
    DuplicateVoteEvidence e;
    e.vote_type = 2;
    e.height = 42 + seed;
    e.round = 3;
    e.validator_index = 1;
    e.validator = filled(0x10);
    e.block_hash_a = filled(0x20);
    e.sig_a.fill(0x30);
    e.block_hash_b = filled(0x40);
    e.sig_b.fill(0x50);
    return e;
}

std::string reason(const Result<DuplicateVoteEvidence>& r) {
    return r.ok() ? "<ok>" : r.error().reason;
}

TEST(Evidence, LayoutRoundTripAndHash) {
    const DuplicateVoteEvidence e = sample();
    const Bytes enc = e.encode();
    ASSERT_EQ(enc.size(), kDuplicateVoteEvidenceSize);
    ASSERT_EQ(enc.size(), 241u);
    // Spot-check the field order: type, height LE, round LE, index LE, then the fixed fields.
    EXPECT_EQ(to_hex(ByteView(enc).first(17)), "022a000000000000000300000001000000");
    EXPECT_EQ(enc[17], 0x10);
    EXPECT_EQ(enc[49], 0x20);
    EXPECT_EQ(enc[81], 0x30);
    EXPECT_EQ(enc[145], 0x40);
    EXPECT_EQ(enc[177], 0x50);
    auto back = DuplicateVoteEvidence::decode(enc);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, e);
    EXPECT_EQ(e.hash(), tagged_hash("azora/evidence", enc));
}

TEST(Evidence, DecodeIsStrict) {
    const Bytes enc = sample().encode();
    for (size_t len = 0; len < enc.size(); ++len) {
        EXPECT_EQ(reason(DuplicateVoteEvidence::decode(ByteView(enc).first(len))), "decode_error")
            << len;
    }
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_EQ(reason(DuplicateVoteEvidence::decode(trailing)), "decode_error");

    for (uint8_t type : {0, 3, 255}) {
        DuplicateVoteEvidence e = sample();
        e.vote_type = type;
        EXPECT_EQ(reason(DuplicateVoteEvidence::decode(e.encode())), "evidence_bad_type");
    }
    DuplicateVoteEvidence same = sample();
    same.block_hash_b = same.block_hash_a;
    EXPECT_EQ(reason(DuplicateVoteEvidence::decode(same.encode())), "evidence_same_vote");
    DuplicateVoteEvidence swapped = sample();
    std::swap(swapped.block_hash_a, swapped.block_hash_b);
    std::swap(swapped.sig_a, swapped.sig_b);
    EXPECT_EQ(reason(DuplicateVoteEvidence::decode(swapped.encode())), "evidence_bad_order");
    // A nil vote (all zero hash) sorts first and is valid evidence against a block vote.
    DuplicateVoteEvidence nil = sample();
    nil.block_hash_a = Hash32{};
    EXPECT_TRUE(DuplicateVoteEvidence::decode(nil.encode()).ok());
}

TEST(Evidence, HashCoversEveryField) {
    const std::vector<std::pair<std::string, std::function<void(DuplicateVoteEvidence&)>>> edits = {
        {"vote_type", [](DuplicateVoteEvidence& e) { e.vote_type = 1; }},
        {"height", [](DuplicateVoteEvidence& e) { e.height += 1; }},
        {"round", [](DuplicateVoteEvidence& e) { e.round += 1; }},
        {"validator_index", [](DuplicateVoteEvidence& e) { e.validator_index += 1; }},
        {"validator", [](DuplicateVoteEvidence& e) { e.validator[0] ^= 1; }},
        {"block_hash_a", [](DuplicateVoteEvidence& e) { e.block_hash_a[31] ^= 1; }},
        {"sig_a", [](DuplicateVoteEvidence& e) { e.sig_a[63] ^= 1; }},
        {"block_hash_b", [](DuplicateVoteEvidence& e) { e.block_hash_b[31] ^= 1; }},
        {"sig_b", [](DuplicateVoteEvidence& e) { e.sig_b[0] ^= 1; }},
    };
    const Hash32 original = sample().hash();
    for (const auto& [field, edit] : edits) {
        DuplicateVoteEvidence e = sample();
        edit(e);
        EXPECT_NE(e.hash(), original) << field;
    }
}

TEST(Evidence, RootIsTheListRootOfTheHashes) {
    EXPECT_EQ(compute_evidence_root({}), Hash32{});
    const std::vector<Evidence> one = {sample(0)};
    EXPECT_EQ(compute_evidence_root(one), sample(0).hash());
    const std::vector<Evidence> three = {sample(0), sample(1), sample(2)};
    Bytes pair;
    for (const auto& h : {sample(0).hash(), sample(1).hash()}) {
        pair.insert(pair.end(), h.begin(), h.end());
    }
    const Hash32 left = tagged_hash("azora/evidenceroot", pair);
    Bytes top(left.begin(), left.end());
    const Hash32 third = sample(2).hash();
    top.insert(top.end(), third.begin(), third.end());
    EXPECT_EQ(compute_evidence_root(three), tagged_hash("azora/evidenceroot", top));
    // Its own tag: not the tx root of the same leaves.
    EXPECT_NE(compute_evidence_root(three),
              compute_tx_root({sample(0).hash(), sample(1).hash(), sample(2).hash()}));
}

Block block_with_evidence(size_t n) {
    Block b;
    b.header.chain_id = "azora-test-1";
    b.header.height = 50;
    for (size_t i = 0; i < n; ++i) {
        b.evidence.push_back(sample(static_cast<uint8_t>(i)));
    }
    b.header.evidence_root = compute_evidence_root(b.evidence);
    return b;
}

TEST(Evidence, BlockCarriesEvidenceAfterTheTxs) {
    const Block b = block_with_evidence(2);
    const Bytes enc = b.encode();
    const Bytes header = b.header.encode();
    // header, 00 (no txs), 02, then each evidence with its one-byte length 241 (f101).
    ASSERT_EQ(enc.size(), header.size() + 1 + 1 + 2 * (2 + 241));
    EXPECT_EQ(enc[header.size()], 0x00);
    EXPECT_EQ(enc[header.size() + 1], 0x02);
    EXPECT_EQ(enc[header.size() + 2], 0xf1);
    EXPECT_EQ(enc[header.size() + 3], 0x01);
    auto back = Block::decode(enc);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, b);

    Block empty = block_with_evidence(0);
    auto back_empty = Block::decode(empty.encode());
    ASSERT_TRUE(back_empty.ok());
    EXPECT_TRUE(back_empty->evidence.empty());
}

TEST(Evidence, BlockDecoderEnforcesEvidenceLimits) {
    const Block at_limit = block_with_evidence(limits::kBlockEvidenceMax);
    EXPECT_TRUE(Block::decode(at_limit.encode()).ok());
    const Block over = block_with_evidence(limits::kBlockEvidenceMax + 1);
    auto r = Block::decode(over.encode());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "decode_error");

    // A count the remaining input cannot hold fails before any evidence is read.
    Writer w;
    block_with_evidence(0).header.encode_to(w);
    w.varint(0);
    w.varint(3);
    w.bytes(sample().encode());
    EXPECT_EQ(Block::decode(w.data()).error().reason, "decode_error");

    // An item whose length prefix is not exactly one evidence encoding.
    Writer longer;
    block_with_evidence(0).header.encode_to(longer);
    longer.varint(0);
    longer.varint(1);
    Bytes padded = sample().encode();
    padded.push_back(0);
    longer.bytes(padded);
    EXPECT_EQ(Block::decode(longer.data()).error().reason, "decode_error");

    // The evidence inside is decoded strictly too.
    DuplicateVoteEvidence swapped = sample();
    std::swap(swapped.block_hash_a, swapped.block_hash_b);
    Block bad = block_with_evidence(0);
    bad.evidence.push_back(swapped);
    EXPECT_EQ(Block::decode(bad.encode()).error().reason, "evidence_bad_order");
}

}  // namespace
}  // namespace azora::ledger
