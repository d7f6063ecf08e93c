// Evidence and the signing state around the RoundMachine: an equivocating validator's votes
// become an Equivocation action, then evidence that verifies and fits in a block; and a
// restarted machine's conflicting vote is refused by the signing state.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "consensus/evidence.hpp"
#include "consensus/evidence_pool.hpp"
#include "consensus/signing_state.hpp"
#include "ledger/limits.hpp"
#include "round_machine_fixture.hpp"

namespace azora::consensus {
namespace {

using namespace test_support;  // NOLINT: the fixture and its constants

ledger::DuplicateVoteEvidence evidence_of(const std::vector<Action>& actions,
                                          const ValidatorSet& set) {
    const auto e = only<Equivocation>(actions);
    auto ev = make_evidence(e.vote_a, e.vote_b, set);
    EXPECT_TRUE(ev.ok()) << ev.error().to_string();
    return ev.ok() ? *ev : ledger::DuplicateVoteEvidence{};
}

TEST_F(RoundMachineTest, PrevoteEquivocationBecomesVerifiableEvidence) {
    start();
    prevote(3, 0, kBlockA);
    const auto ev = evidence_of(prevote(3, 0, kBlockB), *m_set);
    EXPECT_TRUE(verify_evidence(*m_set, kChain, ev).ok());
    EXPECT_EQ(ev.validator_index, 3u);
    EXPECT_EQ(ev.validator, m_keys[3].public_key());
    EXPECT_EQ(ev.vote_type, static_cast<uint8_t>(VoteType::prevote));
    EXPECT_EQ(ev.height, kHeight);
    EXPECT_EQ(ev.round, 0u);
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, kHeight, {ev}).ok());
    EXPECT_TRUE(check_block_evidence(*m_set, kChain, kHeight + 1, {ev}).ok());

    // A node that saw the two votes in the other order reports the same evidence.
    use({1, 1, 1, 1}, 1);
    start();
    prevote(3, 0, kBlockB);
    const auto other = evidence_of(prevote(3, 0, kBlockA), *m_set);
    EXPECT_EQ(other.hash(), ev.hash());

    EvidencePool pool;
    EXPECT_TRUE(pool.add(ev));
    EXPECT_FALSE(pool.add(other));
    EXPECT_EQ(pool.pending(ledger::limits::kBlockEvidenceMax), std::vector{ev});
}

TEST_F(RoundMachineTest, PrecommitNilAndBlockEquivocationIsEvidence) {
    start();
    propose_checked(0, kBlockA);
    precommit(2, 0, kNil);
    const auto ev = evidence_of(precommit(2, 0, kBlockA), *m_set);
    EXPECT_EQ(ev.vote_type, static_cast<uint8_t>(VoteType::precommit));
    EXPECT_EQ(ev.block_hash_a, kNil);
    EXPECT_EQ(ev.block_hash_b, kBlockA);
    EXPECT_TRUE(verify_evidence(*m_set, kChain, ev).ok());
    // Bound to this chain.
    EXPECT_EQ(verify_evidence(*m_set, "azora-other-1", ev).error().reason,
              "evidence_bad_signature");
}

TEST_F(RoundMachineTest, SigningStateStopsARestartedMachineFromDoubleVoting) {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("azora-evidence-rm-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "signing_state";

    // Before the crash: this node (validator 1) prevotes A, recorded before it is sent.
    start();
    const VoteData before = only<SignAndBroadcastVote>(propose_checked(0, kBlockA)).vote;
    ASSERT_EQ(before.block_hash, kBlockA);
    Signature sent{};
    {
        auto state = SigningState::open(file);
        ASSERT_TRUE(state.ok());
        auto sig = state->sign_vote(m_keys[*m_me], before);
        ASSERT_TRUE(sig.ok());
        sent = *sig;
    }

    // After the restart a fresh machine has forgotten; the propose timeout makes it prevote
    // nil in the same round. The signing state refuses, so no evidence against it can exist.
    use({1, 1, 1, 1}, 1);
    start();
    const VoteData after = only<SignAndBroadcastVote>(timeout(0, Step::propose)).vote;
    ASSERT_EQ(after.block_hash, kNil);
    ASSERT_EQ(after.round, before.round);
    auto state = SigningState::open(file);
    ASSERT_TRUE(state.ok());
    auto refused = state->sign_vote(m_keys[*m_me], after);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, "double_sign");
    // The vote it did send can be sent again, with the same signature.
    auto again = state->sign_vote(m_keys[*m_me], before);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, sent);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace azora::consensus
