#include "consensus/vote.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/hash.hpp"

namespace azora::consensus {
namespace {

PrivateKey key(const std::string& seed) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("vote-test/" + seed)));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

Hash32 hash_of(const std::string& s) {
    return sha256(as_bytes(s));
}

VoteData sample() {
    return {VoteType::precommit, "azora-test-1", 42, 3, hash_of("block")};
}

TEST(Vote, SignThenVerify) {
    const PrivateKey k = key("a");
    const VoteData d = sample();
    const Signature sig = sign_vote(k, d);
    EXPECT_TRUE(verify_vote(k.public_key(), d, sig));
    // Deterministic signatures (zero aux randomness).
    EXPECT_EQ(sign_vote(k, d), sig);
}

TEST(Vote, NilVoteSignsAndVerifies) {
    const PrivateKey k = key("a");
    VoteData d = sample();
    d.block_hash = Hash32{};
    EXPECT_TRUE(verify_vote(k.public_key(), d, sign_vote(k, d)));
}

TEST(Vote, OtherKeyDoesNotVerify) {
    const PrivateKey a = key("a");
    const PrivateKey b = key("b");
    const VoteData d = sample();
    EXPECT_FALSE(verify_vote(b.public_key(), d, sign_vote(a, d)));
}

TEST(Vote, AnyFieldChangeBreaksVerification) {
    const PrivateKey k = key("a");
    const VoteData d = sample();
    const Signature sig = sign_vote(k, d);
    const std::vector<std::pair<std::string, std::function<void(VoteData&)>>> changes{
        {"type", [](VoteData& v) { v.type = VoteType::prevote; }},
        {"chain_id", [](VoteData& v) { v.chain_id = "azora-test-2"; }},
        {"chain_id empty", [](VoteData& v) { v.chain_id.clear(); }},
        {"height+1", [](VoteData& v) { ++v.height; }},
        {"height-1", [](VoteData& v) { --v.height; }},
        {"round", [](VoteData& v) { ++v.round; }},
        {"block_hash", [](VoteData& v) { v.block_hash[31] ^= 1; }},
        {"block_hash nil", [](VoteData& v) { v.block_hash = Hash32{}; }},
    };
    for (const auto& [what, change] : changes) {
        VoteData changed = d;
        change(changed);
        EXPECT_NE(changed.encode(), d.encode()) << what;
        EXPECT_NE(changed.signing_hash(), d.signing_hash()) << what;
        EXPECT_FALSE(verify_vote(k.public_key(), changed, sig)) << what;
    }
}

TEST(Vote, FlippedSignatureBitFails) {
    const PrivateKey k = key("a");
    const VoteData d = sample();
    const Signature sig = sign_vote(k, d);
    for (size_t i : {size_t{0}, size_t{31}, size_t{32}, size_t{63}}) {
        Signature bad = sig;
        bad[i] ^= 0x01;
        EXPECT_FALSE(verify_vote(k.public_key(), d, bad)) << "byte " << i;
    }
}

TEST(Vote, PrevoteAndPrecommitDiffer) {
    const PrivateKey k = key("a");
    VoteData prevote = sample();
    prevote.type = VoteType::prevote;
    VoteData precommit = sample();
    precommit.type = VoteType::precommit;
    EXPECT_NE(prevote.encode(), precommit.encode());
    EXPECT_NE(prevote.signing_hash(), precommit.signing_hash());
    const Signature pv = sign_vote(k, prevote);
    const Signature pc = sign_vote(k, precommit);
    EXPECT_NE(pv, pc);
    EXPECT_TRUE(verify_vote(k.public_key(), prevote, pv));
    EXPECT_TRUE(verify_vote(k.public_key(), precommit, pc));
    EXPECT_FALSE(verify_vote(k.public_key(), precommit, pv));
    EXPECT_FALSE(verify_vote(k.public_key(), prevote, pc));
}

TEST(Vote, EncodingLayout) {
    // u8 type, string chain_id (varint length + bytes), u64 height LE, u32 round LE, hash.
    VoteData d{VoteType::prevote, "ab", 0x0102, 7, Hash32{}};
    d.block_hash[0] = 0xee;
    const Bytes e = d.encode();
    ASSERT_EQ(e.size(), 1u + 1u + 2u + 8u + 4u + 32u);
    EXPECT_EQ(e[0], 1);
    EXPECT_EQ(e[1], 2);
    EXPECT_EQ(e[2], 'a');
    EXPECT_EQ(e[3], 'b');
    EXPECT_EQ(e[4], 0x02);
    EXPECT_EQ(e[5], 0x01);
    EXPECT_EQ(e[11], 0x00);
    EXPECT_EQ(e[12], 7);
    EXPECT_EQ(e[16], 0xee);
    EXPECT_EQ(d.signing_hash(), tagged_hash(tags::kVote, e));
    d.type = VoteType::precommit;
    EXPECT_EQ(d.encode()[0], 2);
}

}  // namespace
}  // namespace azora::consensus
