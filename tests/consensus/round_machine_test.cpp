// RoundMachine: StartRound, the happy path, proposals and timeouts.

#include "consensus/round_machine.hpp"

#include <gtest/gtest.h>

#include "round_machine_fixture.hpp"

namespace azora::consensus {
namespace {

using namespace test_support;  // NOLINT: the fixture and its constants

// ---- StartRound -----------------------------------------------------------------------------

TEST_F(RoundMachineTest, StartSchedulesProposeTimeout) {
    auto a = start();
    ASSERT_EQ(a.size(), 1u);
    auto t = only<ScheduleTimeout>(a);
    EXPECT_EQ(t.height, kHeight);
    EXPECT_EQ(t.round, 0u);
    EXPECT_EQ(t.step, Step::propose);
    EXPECT_EQ(t.duration_ms, 3000u);
    EXPECT_EQ(m_machine->step(), Step::propose);
    EXPECT_EQ(m_machine->round(), 0u);
}

TEST_F(RoundMachineTest, ProposerAsksForFreshBlock) {
    use({1, 1, 1, 1}, 0);
    auto a = start();
    ASSERT_EQ(a.size(), 2u);
    auto p = std::get<ProposeBlock>(a[0]);
    EXPECT_EQ(p.height, kHeight);
    EXPECT_EQ(p.round, 0u);
    EXPECT_EQ(p.valid_round, kNoRound);
    EXPECT_FALSE(p.block_hash.has_value());
    EXPECT_TRUE(std::holds_alternative<ScheduleTimeout>(a[1]));
}

TEST_F(RoundMachineTest, TimeoutsGrowLinearlyWithRound) {
    EXPECT_EQ(m_machine->timeout_ms(Step::propose, 0), 3000u);
    EXPECT_EQ(m_machine->timeout_ms(Step::propose, 3), 4500u);
    EXPECT_EQ(m_machine->timeout_ms(Step::prevote, 2), 2000u);
    EXPECT_EQ(m_machine->timeout_ms(Step::precommit, 4), 3000u);
    EXPECT_EQ(m_machine->timeout_ms(Step::precommit, 0xffffffffu), 1000u + 500u * 0xffffffffull);
}

// ---- line 22 and 36, 49: the happy path -----------------------------------------------------

TEST_F(RoundMachineTest, HappyPathCommitsInRound0) {
    start();
    auto a = propose(0, kBlockA);
    EXPECT_EQ(only<ValidateBlock>(a).block_hash, kBlockA);
    EXPECT_TRUE(all_of<SignAndBroadcastVote>(a).empty()) << "no prevote before valid(v)";

    a = verdict(kBlockA, true);
    auto pv = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(pv.type, VoteType::prevote);
    EXPECT_EQ(pv.block_hash, kBlockA);
    EXPECT_EQ(pv.chain_id, kChain);
    EXPECT_EQ(pv.height, kHeight);
    EXPECT_EQ(m_machine->step(), Step::prevote);

    EXPECT_TRUE(prevote(1, 0, kBlockA).empty());  // own prevote back
    EXPECT_TRUE(prevote(0, 0, kBlockA).empty());
    a = prevote(2, 0, kBlockA);  // 3 of 4: line 34, then line 36
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(std::get<ScheduleTimeout>(a[0]).step, Step::prevote);
    auto pc = std::get<SignAndBroadcastVote>(a[1]).vote;
    EXPECT_EQ(pc.type, VoteType::precommit);
    EXPECT_EQ(pc.block_hash, kBlockA);
    EXPECT_EQ(m_machine->locked_value(), kBlockA);
    EXPECT_EQ(m_machine->locked_round(), 0);
    EXPECT_EQ(m_machine->valid_value(), kBlockA);
    EXPECT_EQ(m_machine->valid_round(), 0);
    EXPECT_EQ(m_machine->step(), Step::precommit);

    EXPECT_TRUE(precommit(1, 0, kBlockA).empty());
    EXPECT_TRUE(precommit(3, 0, kBlockA).empty());
    a = precommit(0, 0, kBlockA);
    auto c = only<CommitBlock>(a);
    EXPECT_EQ(c.height, kHeight);
    EXPECT_EQ(c.round, 0u);
    EXPECT_EQ(c.block_hash, kBlockA);
    ASSERT_EQ(c.precommits.size(), 3u);
    EXPECT_EQ(c.precommits[0].validator_index, 0u);
    EXPECT_EQ(c.precommits[2].validator_index, 3u);
    EXPECT_TRUE(m_machine->decided());
    auto commit = make_commit(c.height, c.round, c.block_hash, c.precommits);
    EXPECT_TRUE(verify_commit(*m_set, kChain, kHeight, kBlockA, commit).ok());

    // Decided: the height is over until the next StartHeight.
    EXPECT_TRUE(precommit(2, 0, kBlockA).empty());
    EXPECT_TRUE(timeout(0, Step::precommit).empty());
}

TEST_F(RoundMachineTest, HandleDispatchesEveryEventType) {
    auto a = m_machine->handle(StartHeight{kHeight, *m_set, m_me, std::nullopt});
    EXPECT_EQ(only<ScheduleTimeout>(a).step, Step::propose);
    a = m_machine->handle(Proposal{kHeight, 0, kBlockA, kNoRound, 0});
    EXPECT_EQ(only<ValidateBlock>(a).block_hash, kBlockA);
    a = m_machine->handle(BlockVerdict{kHeight, kBlockA, true});
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kBlockA);
    a = m_machine->handle(vote(VoteType::prevote, 2, 0, kBlockA));
    EXPECT_TRUE(a.empty());
    a = m_machine->handle(Timeout{kHeight, 0, Step::propose});
    EXPECT_TRUE(a.empty()) << "already past the propose step";
    EXPECT_EQ(m_machine->step(), Step::prevote);
}

TEST_F(RoundMachineTest, NextHeightResetsLockAndValidValue) {
    start();
    propose_checked(0, kBlockA);
    votes(VoteType::prevote, {0, 1, 2}, 0, kBlockA);
    votes(VoteType::precommit, {0, 1, 2}, 0, kBlockA);
    ASSERT_TRUE(m_machine->decided());
    EXPECT_TRUE(m_machine->start_height({kHeight, *m_set, m_me, std::nullopt}).empty())
        << "same height";
    ValidatorSet next = *m_set;
    next.advance_proposer();
    auto a = m_machine->start_height({kHeight + 1, next, m_me, std::nullopt});
    EXPECT_FALSE(m_machine->decided());
    EXPECT_EQ(m_machine->height(), kHeight + 1);
    EXPECT_EQ(m_machine->round(), 0u);
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
    EXPECT_FALSE(m_machine->locked_value().has_value());
    EXPECT_EQ(m_machine->valid_round(), kNoRound);
    // Validator 1 proposes round 0 of the next height after one rotation step.
    EXPECT_EQ(m_machine->proposer(0), 1u);
    EXPECT_EQ(only<ProposeBlock>(a).height, kHeight + 1);
}

TEST_F(RoundMachineTest, SingleValidatorDecidesAlone) {
    use({5}, 0);
    auto a = start();
    ASSERT_EQ(all_of<ProposeBlock>(a).size(), 1u);
    a = propose_checked(0, kBlockA);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.type, VoteType::prevote);
    a = prevote(0, 0, kBlockA);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.type, VoteType::precommit);
    a = precommit(0, 0, kBlockA);
    EXPECT_EQ(only<CommitBlock>(a).block_hash, kBlockA);
}

TEST_F(RoundMachineTest, FollowerCommitsWithoutSigning) {
    use({1, 1, 1, 1}, std::nullopt);
    std::vector<Action> a = start();
    auto more = propose_checked(0, kBlockA);
    a.insert(a.end(), more.begin(), more.end());
    more = votes(VoteType::prevote, {0, 1, 2}, 0, kBlockA);
    a.insert(a.end(), more.begin(), more.end());
    more = votes(VoteType::precommit, {0, 2, 3}, 0, kBlockA);
    a.insert(a.end(), more.begin(), more.end());
    EXPECT_TRUE(all_of<SignAndBroadcastVote>(a).empty());
    EXPECT_TRUE(all_of<ProposeBlock>(a).empty());
    EXPECT_EQ(only<CommitBlock>(a).block_hash, kBlockA);
}

// ---- proposals ------------------------------------------------------------------------------

TEST_F(RoundMachineTest, IgnoresProposalNotFromRoundProposer) {
    start();
    EXPECT_TRUE(propose(0, kBlockA, kNoRound, 2).empty());
    EXPECT_TRUE(verdict(kBlockA, true).empty()) << "verdict for a block it never asked about";
    EXPECT_EQ(m_machine->step(), Step::propose);
}

TEST_F(RoundMachineTest, IgnoresMalformedPolRound) {
    start();
    EXPECT_TRUE(propose(0, kBlockA, 0).empty());
    EXPECT_TRUE(propose(0, kBlockA, -2).empty());
    EXPECT_TRUE(propose(2, kBlockA, 3).empty());
}

TEST_F(RoundMachineTest, InvalidBlockGetsNilPrevote) {
    start();
    auto a = propose_checked(0, kBlockA, false);
    auto v = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(v.type, VoteType::prevote);
    EXPECT_EQ(v.block_hash, kNil);
    // Even a 2/3 prevote quorum for an invalid block neither locks nor decides.
    a = votes(VoteType::prevote, {0, 2, 3}, 0, kBlockA);
    EXPECT_TRUE(all_of<SignAndBroadcastVote>(a).empty());
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
    a = votes(VoteType::precommit, {0, 2, 3}, 0, kBlockA);
    EXPECT_TRUE(all_of<CommitBlock>(a).empty());
}

TEST_F(RoundMachineTest, ValidatesEachBlockOnce) {
    start();
    EXPECT_EQ(all_of<ValidateBlock>(propose(0, kBlockA)).size(), 1u);
    EXPECT_TRUE(propose(0, kBlockA).empty()) << "duplicate proposal";
    // The same block proposed again in a later round is not executed again.
    EXPECT_TRUE(all_of<ValidateBlock>(propose(1, kBlockA)).empty());
}

TEST_F(RoundMachineTest, KeepsBoundedProposalsPerRoundFromEquivocatingProposer) {
    start();
    for (int i = 0; i < 10; ++i) {
        propose(0, sha256(as_bytes("flood " + std::to_string(i))));
    }
    // Past the limit, only a block with a quorum behind it is still taken.
    EXPECT_TRUE(propose(0, kBlockB).empty());
    votes(VoteType::prevote, {0, 2, 3}, 0, kBlockB);
    EXPECT_EQ(only<ValidateBlock>(propose(0, kBlockB)).block_hash, kBlockB);
}

// ---- line 57, 34, 61, 44, 47, 65: timeouts --------------------------------------------------

TEST_F(RoundMachineTest, ProposeTimeoutPrevotesNilThenNextRound) {
    start();
    auto a = timeout(0, Step::propose);
    auto v = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(v.type, VoteType::prevote);
    EXPECT_EQ(v.block_hash, kNil);
    EXPECT_EQ(m_machine->step(), Step::prevote);
    EXPECT_TRUE(timeout(0, Step::propose).empty()) << "step already left";

    prevote(1, 0, kNil);
    prevote(0, 0, kNil);
    a = prevote(2, 0, kNil);  // line 34 then line 44
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(std::get<ScheduleTimeout>(a[0]).step, Step::prevote);
    auto pc = std::get<SignAndBroadcastVote>(a[1]).vote;
    EXPECT_EQ(pc.type, VoteType::precommit);
    EXPECT_EQ(pc.block_hash, kNil);

    precommit(1, 0, kNil);
    precommit(0, 0, kNil);
    a = precommit(3, 0, kNil);  // line 47
    auto t = only<ScheduleTimeout>(a);
    EXPECT_EQ(t.step, Step::precommit);
    EXPECT_EQ(t.duration_ms, 1000u);

    a = timeout(0, Step::precommit);  // line 65: round 1, and validator 1 proposes it
    EXPECT_EQ(m_machine->round(), 1u);
    EXPECT_EQ(m_machine->step(), Step::propose);
    auto p = only<ProposeBlock>(a);
    EXPECT_EQ(p.round, 1u);
    EXPECT_FALSE(p.block_hash.has_value());
    EXPECT_EQ(only<ScheduleTimeout>(a).duration_ms, 3500u);
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
}

TEST_F(RoundMachineTest, SplitPrevotesWaitForPrevoteTimeout) {
    start();
    propose_checked(0, kBlockA);
    prevote(1, 0, kBlockA);
    EXPECT_TRUE(prevote(0, 0, kNil).empty());
    auto a = prevote(2, 0, kBlockB);  // 3 prevotes, no quorum for anything
    EXPECT_EQ(only<ScheduleTimeout>(a).step, Step::prevote);
    EXPECT_TRUE(prevote(3, 0, kNil).empty()) << "line 34 fires once per round";
    a = timeout(0, Step::prevote);
    auto v = only<SignAndBroadcastVote>(a).vote;
    EXPECT_EQ(v.type, VoteType::precommit);
    EXPECT_EQ(v.block_hash, kNil);
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
    EXPECT_TRUE(timeout(0, Step::prevote).empty());
}

TEST_F(RoundMachineTest, StaleTimeoutsAreIgnored) {
    start();
    EXPECT_TRUE(timeout(1, Step::propose).empty());
    EXPECT_TRUE(m_machine->on_timeout({kHeight - 1, 0, Step::propose}).empty());
    EXPECT_TRUE(timeout(0, Step::prevote).empty()) << "not in the prevote step";
    EXPECT_EQ(m_machine->step(), Step::propose);
}

TEST_F(RoundMachineTest, Line36InPrecommitStepSetsValidValueWithoutLocking) {
    start();
    timeout(0, Step::propose);  // no proposal in time: prevote nil
    prevote(1, 0, kNil);
    prevote(0, 0, kBlockA);
    auto a = prevote(2, 0, kBlockA);  // 3 prevotes, no quorum: line 34
    EXPECT_EQ(only<ScheduleTimeout>(a).step, Step::prevote);
    a = timeout(0, Step::prevote);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kNil);
    ASSERT_EQ(m_machine->step(), Step::precommit);
    // The proposal and the third prevote for A arrive late: line 36 with step = precommit.
    propose_checked(0, kBlockA);
    a = prevote(3, 0, kBlockA);
    EXPECT_TRUE(all_of<SignAndBroadcastVote>(a).empty()) << "no second precommit";
    EXPECT_EQ(m_machine->valid_value(), kBlockA);
    EXPECT_EQ(m_machine->valid_round(), 0);
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
    EXPECT_FALSE(m_machine->locked_value().has_value());
}

TEST_F(RoundMachineTest, Line36WaitsForValidVerdict) {
    start();
    propose(0, kBlockA);
    timeout(0, Step::propose);  // still executing A: prevote nil
    votes(VoteType::prevote, {0, 2, 3}, 0, kBlockA);
    EXPECT_EQ(m_machine->locked_round(), kNoRound);
    EXPECT_EQ(m_machine->step(), Step::prevote);
    auto a = verdict(kBlockA, true);
    EXPECT_EQ(only<SignAndBroadcastVote>(a).vote.block_hash, kBlockA);
    EXPECT_EQ(m_machine->locked_round(), 0);
}

}  // namespace
}  // namespace azora::consensus
