// RoundMachine: locking and unlocking, a lock restored after a restart, round skipping,
// deciding in any round, equivocation.

#include <gtest/gtest.h>

#include "consensus/round_machine.hpp"
#include "round_machine_fixture.hpp"

namespace azora::consensus {
namespace {

using namespace test_support;  // NOLINT: the fixture and its constants

// ---- locking (line 28, 36) ------------------------------------------------------------------

TEST_F(RoundMachineTest, LockedValidatorRefusesOtherValueWithoutPol) {
    use({1, 1, 1, 1}, 2);
    lock_in_round0_then_round1(kBlockA);
    EXPECT_EQ(m_machine->locked_round(), 0);
    // Round 1 (proposer 1) proposes a fresh B: locked on A, so nil.
    auto a = propose_checked(1, kBlockB);
    auto v = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(v.round, 1u);
    EXPECT_EQ(v.block_hash, kNil);
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
}

TEST_F(RoundMachineTest, LockedValidatorWaitsForClaimedPolThenTimesOut) {
    use({1, 1, 1, 1}, 2);
    lock_in_round0_then_round1(kBlockA);
    // B claims a POL from round 0 that this node never saw: line 28 does not fire.
    auto a = propose_checked(1, kBlockB, true, 0);
    EXPECT_TRUE(all_of<SignAndBroadcastVote>(a).empty());
    a = timeout(1, Step::propose);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kNil);
}

TEST_F(RoundMachineTest, LockedValidatorPrevotesItsLockedValueAgain) {
    use({1, 1, 1, 1}, 2);
    lock_in_round0_then_round1(kBlockA);
    // Proposer 1 re-proposes A with its POL round 0.
    auto a = propose(1, kBlockA, 0);
    EXPECT_TRUE(all_of<ValidateBlock>(a).empty()) << "A was validated in round 0";
    auto v = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(v.block_hash, kBlockA);
}

TEST_F(RoundMachineTest, UnlocksOnPolFromLaterRound) {
    use({1, 1, 1, 1}, 3);
    lock_in_round0_then_round1(kBlockA);
    // Round 1: no proposal reaches this node; the others form a polka for B it can see.
    timeout(1, Step::propose);
    votes(VoteType::prevote, {0, 1, 2}, 1, kBlockB);
    timeout(1, Step::prevote);  // precommit nil: it never saw B's proposal in round 1
    votes(VoteType::precommit, {0, 1, 3}, 1, kNil);
    timeout(1, Step::precommit);
    ASSERT_EQ(m_machine->round(), 2u);
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
    // Round 2 (proposer 2) proposes B with POL round 1 > lockedRound 0: prevote B.
    auto a = propose_checked(2, kBlockB, true, 1);
    auto v = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(v.round, 2u);
    EXPECT_EQ(v.block_hash, kBlockB);
    // A polka for B in round 2 moves the lock.
    votes(VoteType::prevote, {3, 0, 1}, 2, kBlockB);
    EXPECT_EQ(m_machine->locked_value(), kBlockB);
    EXPECT_EQ(m_machine->locked_round(), 2);
}

TEST_F(RoundMachineTest, LockedValidatorRefusesPolOlderThanItsLock) {
    use({1, 1, 1, 1}, 3);
    start();
    // Round 0: a polka for B that this node sees without B's proposal, so it does not lock.
    timeout(0, Step::propose);
    votes(VoteType::prevote, {0, 1, 2}, 0, kBlockB);
    timeout(0, Step::prevote);
    votes(VoteType::precommit, {0, 1, 3}, 0, kNil);
    timeout(0, Step::precommit);
    // Round 1: A is proposed and gets a polka: locked on A in round 1.
    propose_checked(1, kBlockA);
    votes(VoteType::prevote, {1, 2, 3}, 1, kBlockA);
    ASSERT_EQ(m_machine->locked_round(), 1);
    votes(VoteType::precommit, {3}, 1, kBlockA);  // own precommit back
    votes(VoteType::precommit, {0, 1, 2}, 1, kNil);
    timeout(1, Step::precommit);
    ASSERT_EQ(m_machine->round(), 2u);
    // Round 2 proposes B with its POL from round 0: older than the lock, so nil (line 28).
    auto a = propose_checked(2, kBlockB, true, 0);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kNil);
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
}

// ---- a lock restored after a restart ----------------------------------------------------------

TEST_F(RoundMachineTest, RestoredLockRefusesOtherValuesAndAcceptsItsOwn) {
    use({1, 1, 1, 1}, 2);
    m_machine->start_height({kHeight, *m_set, m_me, RestoredLock{0, kBlockA}});
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
    EXPECT_EQ(m_machine->locked_round(), 0);
    EXPECT_FALSE(m_machine->valid_value().has_value());
    // Round 0 proposes a fresh B: locked on A, so nil, as before the restart.
    auto a = propose_checked(0, kBlockB);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kNil);
    votes(VoteType::prevote, {0, 1, 3}, 0, kNil);
    votes(VoteType::precommit, {0, 1, 3}, 0, kNil);
    timeout(0, Step::precommit);
    ASSERT_EQ(m_machine->round(), 1u);
    // Round 1 re-proposes A: prevote A.
    a = propose_checked(1, kBlockA, true, kNoRound);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kBlockA);
}

TEST_F(RoundMachineTest, RestoredLockAsProposerProposesFreshAndPrevotesNil) {
    use({1, 1, 1, 1}, 0);  // proposer of round 0
    auto a = m_machine->start_height({kHeight, *m_set, m_me, RestoredLock{2, kBlockA}});
    // It lacks A's block, so it cannot re-propose it: a fresh block, and nil for it.
    const auto p = only<ProposeBlock>(a);
    EXPECT_EQ(p.valid_round, kNoRound);
    EXPECT_FALSE(p.block_hash.has_value());
    a = propose_checked(0, kBlockB);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kNil);
    // A POL at or above the lock's round still moves it (line 28).
    EXPECT_EQ(m_machine->locked_round(), 2);
}

TEST_F(RoundMachineTest, RestoredLockWithItsBlockIsProposedAgainWithItsPolRound) {
    use({1, 1, 1, 1}, 1);  // proposer of round 1
    m_machine->start_height({kHeight, *m_set, m_me, RestoredLock{0, kBlockA, true}});
    EXPECT_EQ(m_machine->valid_value(), kBlockA);
    EXPECT_EQ(m_machine->valid_round(), 0);
    timeout(0, Step::propose);
    votes(VoteType::prevote, {0, 2, 3}, 0, kNil);
    votes(VoteType::precommit, {0, 2, 3}, 0, kNil);
    auto a = timeout(0, Step::precommit);
    ASSERT_EQ(m_machine->round(), 1u);
    const auto p = only<ProposeBlock>(a);
    EXPECT_EQ(p.block_hash, kBlockA);
    EXPECT_EQ(p.valid_round, 0);
}

TEST_F(RoundMachineTest, RestoredValidValueOfTheCurrentRoundIsNotProposedInIt) {
    use({1, 1, 1, 1}, 0);  // proposer of round 0, locked in round 0 before the restart
    auto a = m_machine->start_height({kHeight, *m_set, m_me, RestoredLock{0, kBlockA, true}});
    const auto p = only<ProposeBlock>(a);
    EXPECT_FALSE(p.block_hash.has_value()) << "a POL round must be below the proposal's round";
    EXPECT_EQ(p.valid_round, kNoRound);
}

TEST_F(RoundMachineTest, RestoredLockIsIgnoredForANodeThatOnlyFollows) {
    use({1, 1, 1, 1}, std::nullopt);
    m_machine->start_height({kHeight, *m_set, m_me, RestoredLock{0, kBlockA}});
    EXPECT_FALSE(m_machine->locked_value().has_value());
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
}

TEST_F(RoundMachineTest, PolForInvalidBlockStillGetsNil) {
    use({1, 1, 1, 1}, 3);
    start();
    timeout(0, Step::propose);
    votes(VoteType::prevote, {0, 1, 2}, 0, kBlockB);
    timeout(0, Step::prevote);
    votes(VoteType::precommit, {0, 1, 3}, 0, kNil);
    timeout(0, Step::precommit);
    auto a = propose_checked(1, kBlockB, false, 0);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kNil);
}

TEST_F(RoundMachineTest, ProposerReproposesValidValue) {
    use({1, 1, 1, 1}, 1);
    start();
    propose_checked(0, kBlockA);
    votes(VoteType::prevote, {0, 1, 2}, 0, kBlockA);
    ASSERT_EQ(m_machine->valid_value(), kBlockA);
    votes(VoteType::precommit, {1}, 0, kBlockA);
    votes(VoteType::precommit, {0, 2}, 0, kNil);
    auto a = timeout(0, Step::precommit);
    auto p = only<ProposeBlock>(a);
    EXPECT_EQ(p.round, 1u);
    EXPECT_EQ(p.valid_round, 0);
    EXPECT_EQ(p.block_hash, kBlockA);
}

// ---- line 55: round skip --------------------------------------------------------------------

TEST_F(RoundMachineTest, SkipsToRoundWithMessagesFromMoreThanOneThird) {
    start();
    EXPECT_TRUE(prevote(2, 5, kNil).empty()) << "1 of 4 is not more than 1/3";
    EXPECT_EQ(m_machine->round(), 0u);
    auto a = precommit(3, 5, kBlockA);  // 2 of 4 in round 5
    EXPECT_EQ(m_machine->round(), 5u);
    EXPECT_EQ(m_machine->step(), Step::propose);
    auto proposals = all_of<ProposeBlock>(a);  // proposer(5) = 1 = this node
    ASSERT_EQ(proposals.size(), 1u);
    EXPECT_EQ(proposals[0].round, 5u);
    auto t = all_of<ScheduleTimeout>(a);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].duration_ms, 3000u + 5 * 500u);
}

TEST_F(RoundMachineTest, ProposalCountsTowardRoundSkip) {
    start();
    prevote(3, 2, kNil);
    EXPECT_EQ(m_machine->round(), 0u);
    propose(2, kBlockA);  // proposer(2) = 2: a second sender in round 2
    EXPECT_EQ(m_machine->round(), 2u);
}

TEST_F(RoundMachineTest, SkipUsesPowerNotCounts) {
    use({1, 1, 1, 4}, 0);  // total 7: validator 3 alone has more than 1/3
    start();
    prevote(3, 9, kNil);
    EXPECT_EQ(m_machine->round(), 9u);
    // f+1 by power: 2 of 7 is not more than 1/3, 3 of 7 is.
    votes(VoteType::prevote, {1, 2}, 12, kNil);
    EXPECT_EQ(m_machine->round(), 9u) << "power 2 of 7 is not more than 1/3";
    votes(VoteType::prevote, {0}, 12, kNil);
    EXPECT_EQ(m_machine->round(), 12u);
}

TEST_F(RoundMachineTest, QuorumUsesPowerNotCounts) {
    use({1, 1, 1, 4}, 0);  // quorum 5
    start();
    propose_checked(0, kBlockA);  // own prevote A
    votes(VoteType::prevote, {0, 1, 2}, 0, kBlockA);
    EXPECT_EQ(m_machine->step(), Step::prevote) << "3 of 4 validators but power 3 of 7";
    auto a = prevote(3, 0, kBlockA);
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
    a = votes(VoteType::precommit, {0, 3}, 0, kBlockA);
    EXPECT_EQ(only<CommitBlock>(a).precommits.size(), 2u);
}

TEST_F(RoundMachineTest, IgnoresVotesBeyondRoundWindow) {
    RoundMachineOptions options;
    options.chain_id = kChain;
    options.max_rounds_ahead = 10;
    m_machine = std::make_unique<RoundMachine>(options);
    start();
    votes(VoteType::prevote, {0, 2, 3}, 11, kNil);
    EXPECT_EQ(m_machine->round(), 0u);
    EXPECT_EQ(m_machine->votes().round_count(), 0u);
    votes(VoteType::prevote, {0, 2}, 10, kNil);
    EXPECT_EQ(m_machine->round(), 10u);
}

// ---- line 49: decide in any round -----------------------------------------------------------

TEST_F(RoundMachineTest, DecidesOnCommitQuorumOfAnotherRound) {
    start();
    propose(3, kBlockB);
    votes(VoteType::precommit, {0, 2, 3}, 3, kBlockB);
    EXPECT_FALSE(m_machine->decided()) << "valid(v) still unknown";
    auto a = verdict(kBlockB, true);
    auto c = only<CommitBlock>(a);
    EXPECT_EQ(c.round, 3u);
    EXPECT_EQ(c.block_hash, kBlockB);
    EXPECT_TRUE(verify_commit(*m_set, kChain, kHeight, kBlockB,
                              make_commit(c.height, c.round, c.block_hash, c.precommits))
                    .ok());
}

TEST_F(RoundMachineTest, NoDecisionWithoutTheProposal) {
    start();
    votes(VoteType::precommit, {0, 2, 3}, 0, kBlockA);
    EXPECT_FALSE(m_machine->decided());
    auto a = propose_checked(0, kBlockA);
    EXPECT_EQ(only<CommitBlock>(a).block_hash, kBlockA);
}

TEST_F(RoundMachineTest, NilPrecommitsNeverDecide) {
    start();
    auto a = votes(VoteType::precommit, {0, 1, 2, 3}, 0, kNil);
    EXPECT_TRUE(all_of<CommitBlock>(a).empty());
}

// ---- equivocation ---------------------------------------------------------------------------

TEST_F(RoundMachineTest, EquivocatingVoterReportedAndCountedOnce) {
    start();
    propose_checked(0, kBlockA);  // own prevote A (fed back below)
    prevote(3, 0, kBlockA);
    auto a = prevote(3, 0, kBlockB);
    auto e = only<Equivocation>(a);
    EXPECT_EQ(e.vote_a.data.block_hash, kBlockA);
    EXPECT_EQ(e.vote_b.data.block_hash, kBlockB);
    EXPECT_EQ(e.vote_a.validator_index, 3u);
    EXPECT_EQ(e.vote_b.validator_index, 3u);
    EXPECT_TRUE(all_of<Equivocation>(prevote(3, 0, kNil)).empty()) << "reported once";
    EXPECT_TRUE(prevote(3, 0, kBlockA).empty()) << "duplicate";
    // Validator 3 counts once in the round's total: with own A that is 2 of 4 validators, so
    // line 34 (2f+1 prevotes of any kind) has not fired yet.
    a = prevote(1, 0, kBlockA);
    EXPECT_TRUE(a.empty());
    a = prevote(2, 0, kBlockB);  // 3 of 4 validators now
    EXPECT_EQ(only<ScheduleTimeout>(a).step, Step::prevote);
    EXPECT_EQ(m_machine->votes().get(0, VoteType::prevote)->total_power(), 3u);
    // B has 2 and 3, A has 1 and 3: no polka yet. One more A makes 3 (0, 1 and 3).
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
    a = prevote(0, 0, kBlockA);
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
    // Precommit equivocation is reported separately.
    precommit(3, 0, kNil);
    e = only<Equivocation>(precommit(3, 0, kBlockA));
    EXPECT_EQ(e.vote_a.data.type, VoteType::precommit);
}

TEST_F(RoundMachineTest, EquivocatorsVoteCountsForEachValueItSigned) {
    // Two honest nodes that saw validator 3's conflicting precommits in opposite orders must
    // agree that A has a commit quorum (the paper counts messages per value).
    start();
    propose_checked(0, kBlockA);
    precommit(3, 0, kNil);  // this node saw the nil precommit first
    precommit(0, 0, kBlockA);
    precommit(1, 0, kBlockA);
    auto a = precommit(3, 0, kBlockA);
    EXPECT_EQ(all_of<Equivocation>(a).size(), 1u);
    auto c = only<CommitBlock>(a);
    EXPECT_EQ(c.precommits.size(), 3u);
    EXPECT_TRUE(verify_commit(*m_set, kChain, kHeight, kBlockA,
                              make_commit(c.height, c.round, c.block_hash, c.precommits))
                    .ok());
}

}  // namespace
}  // namespace azora::consensus
