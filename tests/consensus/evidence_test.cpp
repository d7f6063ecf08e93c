#include "consensus/evidence.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "ledger/limits.hpp"

namespace azora::consensus {
namespace {

const std::string kChain = "azora-test-1";
constexpr uint64_t kHeight = 500;
constexpr uint32_t kRound = 2;

PrivateKey key(int i) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("evidence-test/" + std::to_string(i))));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

Hash32 block(const std::string& name) {
    return sha256(as_bytes(name));
}

class EvidenceTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::vector<std::pair<PubKey, uint64_t>> members;
        for (int i = 0; i < 4; ++i) {
            m_keys.push_back(key(i));
            members.emplace_back(m_keys.back().public_key(), 10);
        }
        auto set = ValidatorSet::create(std::move(members));
        ASSERT_TRUE(set.ok());
        m_set = std::make_unique<ValidatorSet>(std::move(set).value());
    }

    Vote vote(uint32_t index,
              const Hash32& hash,
              uint64_t height = kHeight,
              VoteType type = VoteType::prevote,
              const std::string& chain = kChain) const {
        VoteData d{type, chain, height, kRound, hash};
        return {d, index, sign_vote(m_keys[index], d)};
    }

    ledger::DuplicateVoteEvidence evidence(uint32_t index,
                                           uint64_t height = kHeight,
                                           const std::string& tag = "") const {
        auto ev = make_evidence(vote(index, block("x" + tag), height),
                                vote(index, block("y" + tag), height), *m_set);
        EXPECT_TRUE(ev.ok());
        return std::move(ev).value();
    }

    void expect_reason(const Result<void>& r, const std::string& reason) const {
        ASSERT_FALSE(r.ok()) << "expected " << reason;
        EXPECT_EQ(r.error().reason, reason) << r.error().message;
    }

    std::vector<PrivateKey> m_keys;
    std::unique_ptr<ValidatorSet> m_set;
};

TEST_F(EvidenceTest, MakeEvidenceIsCanonicalWhicheverVoteCameFirst) {
    const Vote x = vote(1, block("x"));
    const Vote y = vote(1, block("y"));
    auto xy = make_evidence(x, y, *m_set);
    auto yx = make_evidence(y, x, *m_set);
    ASSERT_TRUE(xy.ok() && yx.ok());
    EXPECT_EQ(*xy, *yx);
    EXPECT_EQ(xy->hash(), yx->hash());
    EXPECT_LT(xy->block_hash_a, xy->block_hash_b);
    EXPECT_EQ(xy->validator, m_keys[1].public_key());
    EXPECT_EQ(xy->vote_type, 1);
    EXPECT_EQ(xy->height, kHeight);
    EXPECT_EQ(xy->round, kRound);
    EXPECT_EQ(xy->validator_index, 1u);
    const Vote& first = x.data.block_hash < y.data.block_hash ? x : y;
    EXPECT_EQ(xy->sig_a, first.signature);
    EXPECT_TRUE(verify_evidence(*m_set, kChain, *xy).ok());
}

TEST_F(EvidenceTest, NilAgainstABlockIsEvidence) {
    auto ev = make_evidence(vote(2, block("x")), vote(2, Hash32{}), *m_set);
    ASSERT_TRUE(ev.ok());
    EXPECT_EQ(ev->block_hash_a, Hash32{});
    EXPECT_TRUE(verify_evidence(*m_set, kChain, *ev).ok());
}

TEST_F(EvidenceTest, MakeEvidenceRefusesVotesThatAreNotAnEquivocation) {
    const Vote x = vote(1, block("x"));
    auto reason_of = [&](const Vote& other) {
        auto r = make_evidence(x, other, *m_set);
        return r.ok() ? std::string("<ok>") : r.error().reason;
    };
    EXPECT_EQ(reason_of(x), "evidence_same_vote");
    EXPECT_EQ(reason_of(vote(2, block("y"))), "evidence_mismatch");
    EXPECT_EQ(reason_of(vote(1, block("y"), kHeight + 1)), "evidence_mismatch");
    EXPECT_EQ(reason_of(vote(1, block("y"), kHeight, VoteType::precommit)), "evidence_mismatch");
    EXPECT_EQ(reason_of(vote(1, block("y"), kHeight, VoteType::prevote, "other-chain")),
              "evidence_mismatch");
    Vote round_off = vote(1, block("y"));
    round_off.data.round += 1;
    EXPECT_EQ(reason_of(round_off), "evidence_mismatch");
    Vote a = x;
    Vote b = vote(1, block("y"));
    a.validator_index = b.validator_index = 9;
    auto r = make_evidence(a, b, *m_set);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "evidence_bad_index");
}

TEST_F(EvidenceTest, VerifyRefusesEachDefect) {
    const auto good = evidence(1);
    ASSERT_TRUE(verify_evidence(*m_set, kChain, good).ok());

    auto bad_type = good;
    bad_type.vote_type = 7;
    expect_reason(verify_evidence(*m_set, kChain, bad_type), "evidence_bad_type");
    auto same = good;
    same.block_hash_b = same.block_hash_a;
    expect_reason(verify_evidence(*m_set, kChain, same), "evidence_same_vote");
    auto swapped = good;
    std::swap(swapped.block_hash_a, swapped.block_hash_b);
    std::swap(swapped.sig_a, swapped.sig_b);
    expect_reason(verify_evidence(*m_set, kChain, swapped), "evidence_bad_order");
    auto index = good;
    index.validator_index = 4;
    expect_reason(verify_evidence(*m_set, kChain, index), "evidence_bad_index");
    auto other_key = good;
    other_key.validator = m_keys[2].public_key();
    expect_reason(verify_evidence(*m_set, kChain, other_key), "evidence_wrong_validator");
    auto other_index = good;
    other_index.validator_index = 2;  // the key no longer matches the index
    expect_reason(verify_evidence(*m_set, kChain, other_index), "evidence_wrong_validator");

    auto sig_a = good;
    sig_a.sig_a[5] ^= 1;
    expect_reason(verify_evidence(*m_set, kChain, sig_a), "evidence_bad_signature");
    auto sig_b = good;
    sig_b.sig_b[5] ^= 1;
    expect_reason(verify_evidence(*m_set, kChain, sig_b), "evidence_bad_signature");
    // The signatures are bound to the chain, type, height and round.
    expect_reason(verify_evidence(*m_set, "other-chain", good), "evidence_bad_signature");
    auto as_precommit = good;
    as_precommit.vote_type = 2;
    expect_reason(verify_evidence(*m_set, kChain, as_precommit), "evidence_bad_signature");
    auto height = good;
    height.height += 1;
    expect_reason(verify_evidence(*m_set, kChain, height), "evidence_bad_signature");
    auto round = good;
    round.round += 1;
    expect_reason(verify_evidence(*m_set, kChain, round), "evidence_bad_signature");
    // Two signatures by someone else under validator 1's name.
    auto forged = make_evidence(
        Vote{{VoteType::prevote, kChain, kHeight, kRound, block("x")},
             1,
             sign_vote(m_keys[3], {VoteType::prevote, kChain, kHeight, kRound, block("x")})},
        Vote{{VoteType::prevote, kChain, kHeight, kRound, block("y")},
             1,
             sign_vote(m_keys[3], {VoteType::prevote, kChain, kHeight, kRound, block("y")})},
        *m_set);
    ASSERT_TRUE(forged.ok());
    expect_reason(verify_evidence(*m_set, kChain, *forged), "evidence_bad_signature");
}

TEST_F(EvidenceTest, BlockEvidenceRules) {
    const std::vector<ledger::DuplicateVoteEvidence> two = {evidence(1), evidence(2)};
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, kHeight, two).ok());
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, kHeight + 10, two).ok());
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, kHeight, {}).ok());

    expect_reason(check_block_evidence(*m_set, kChain, kHeight - 1, two), "evidence_future");
    expect_reason(check_block_evidence(*m_set, kChain, kHeight, {evidence(1), evidence(1)}),
                  "evidence_duplicate");
    expect_reason(check_block_evidence(*m_set, "other-chain", kHeight, two),
                  "evidence_bad_signature");

    const auto old = evidence(3, 5);
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, 5 + kMaxEvidenceAgeBlocks, {old}).ok());
    auto too_old = check_block_evidence(*m_set, kChain, 5 + kMaxEvidenceAgeBlocks + 1, {old});
    expect_reason(too_old, "evidence_too_old");
    EXPECT_EQ(too_old.error().kind, ErrorKind::rejected);

    std::vector<ledger::DuplicateVoteEvidence> many;
    for (size_t i = 0; i <= ledger::limits::kBlockEvidenceMax; ++i) {
        many.push_back(evidence(0, kHeight, std::to_string(i)));
    }
    expect_reason(check_block_evidence(*m_set, kChain, kHeight, many), "evidence_too_many");
    many.pop_back();
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, kHeight, many).ok());
}

TEST_F(EvidenceTest, BlockOverloadChecksTheRoot) {
    ledger::Block b;
    b.header.chain_id = kChain;
    b.header.height = kHeight;
    b.evidence = {evidence(1), evidence(2)};
    expect_reason(check_block_evidence(*m_set, b), "evidence_root_mismatch");
    b.header.evidence_root = ledger::compute_evidence_root(b.evidence);
    EXPECT_TRUE(check_block_evidence(*m_set, b).ok());
    b.header.height = kHeight - 1;
    expect_reason(check_block_evidence(*m_set, b), "evidence_future");
}

}  // namespace
}  // namespace azora::consensus
