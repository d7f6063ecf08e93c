#include "consensus/round_machine.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "consensus/commit_verifier.hpp"
#include "core/hash.hpp"

namespace azora::consensus {
namespace {

const std::string kChain = "azora-test-1";
constexpr uint64_t kHeight = 7;
const Hash32 kNil{};
const Hash32 kBlockA = sha256(as_bytes("block a"));
const Hash32 kBlockB = sha256(as_bytes("block b"));

PrivateKey key(size_t i) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("round-machine-test/" + std::to_string(i))));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

template <typename T>
std::vector<T> all_of(const std::vector<Action>& actions) {
    std::vector<T> out;
    for (const auto& a : actions) {
        if (const T* t = std::get_if<T>(&a)) {
            out.push_back(*t);
        }
    }
    return out;
}

template <typename T>
T only(const std::vector<Action>& actions) {
    auto found = all_of<T>(actions);
    EXPECT_EQ(found.size(), 1u) << "expected exactly one action of the type";
    return found.empty() ? T{} : found.front();
}

// Validators with equal power 1 unless told otherwise. With equal powers the proposer of
// round r at the first height is validator r mod n.
class RoundMachineTest : public ::testing::Test {
protected:
    void SetUp() override { use({1, 1, 1, 1}, 1); }

    void use(const std::vector<uint64_t>& powers, std::optional<uint32_t> me) {
        m_keys.clear();
        std::vector<std::pair<PubKey, uint64_t>> members;
        for (size_t i = 0; i < powers.size(); ++i) {
            m_keys.push_back(key(i));
            members.emplace_back(m_keys.back().public_key(), powers[i]);
        }
        auto set = ValidatorSet::create(std::move(members));
        ASSERT_TRUE(set.ok());
        m_set = std::make_unique<ValidatorSet>(std::move(set).value());
        m_me = me;
        RoundMachineOptions options;
        options.chain_id = kChain;
        m_machine = std::make_unique<RoundMachine>(options);
    }

    std::vector<Action> start() { return m_machine->start_height({kHeight, *m_set, m_me}); }

    Vote vote(VoteType type, uint32_t index, uint32_t round, const Hash32& hash) const {
        VoteData d{type, kChain, kHeight, round, hash};
        return {d, index, sign_vote(m_keys[index], d)};
    }
    std::vector<Action> prevote(uint32_t index, uint32_t round, const Hash32& hash) {
        return m_machine->on_vote(vote(VoteType::prevote, index, round, hash));
    }
    std::vector<Action> precommit(uint32_t index, uint32_t round, const Hash32& hash) {
        return m_machine->on_vote(vote(VoteType::precommit, index, round, hash));
    }
    std::vector<Action> propose(uint32_t round,
                                const Hash32& hash,
                                OptRound pol_round = kNoRound,
                                std::optional<uint32_t> from = std::nullopt) {
        uint32_t proposer = from ? *from : m_machine->proposer(round);
        return m_machine->on_proposal({kHeight, round, hash, pol_round, proposer});
    }
    std::vector<Action> verdict(const Hash32& hash, bool valid) {
        return m_machine->on_block_verdict({kHeight, hash, valid});
    }
    std::vector<Action> timeout(uint32_t round, Step step) {
        return m_machine->on_timeout({kHeight, round, step});
    }
    // A proposal plus the app's verdict; returns the actions of both.
    std::vector<Action> propose_checked(uint32_t round,
                                        const Hash32& hash,
                                        bool valid = true,
                                        OptRound pol_round = kNoRound) {
        auto out = propose(round, hash, pol_round);
        auto more = verdict(hash, valid);
        out.insert(out.end(), more.begin(), more.end());
        return out;
    }
    // Feeds one vote of each listed validator; returns all actions.
    std::vector<Action> votes(VoteType type,
                              const std::vector<uint32_t>& who,
                              uint32_t round,
                              const Hash32& hash) {
        std::vector<Action> out;
        for (uint32_t i : who) {
            auto a = m_machine->on_vote(vote(type, i, round, hash));
            out.insert(out.end(), a.begin(), a.end());
        }
        return out;
    }
    // Round 0 where every validator prevotes `hash` but precommits split: the machine (not
    // the proposer) ends locked on `hash` and moves to round 1.
    void lock_in_round0_then_round1(const Hash32& hash) {
        start();
        propose_checked(0, hash);
        votes(VoteType::prevote, all_but_none(), 0, hash);
        ASSERT_EQ(m_machine->locked_value(), hash);
        votes(VoteType::precommit, {*m_me}, 0, hash);
        votes(VoteType::precommit, others(2), 0, kNil);
        auto a = timeout(0, Step::precommit);
        ASSERT_EQ(m_machine->round(), 1u);
    }
    std::vector<uint32_t> all_but_none() const {
        std::vector<uint32_t> v;
        for (uint32_t i = 0; i < m_set->size(); ++i) {
            v.push_back(i);
        }
        return v;
    }
    // The first `count` validators other than this node.
    std::vector<uint32_t> others(size_t count) const {
        std::vector<uint32_t> v;
        for (uint32_t i = 0; i < m_set->size() && v.size() < count; ++i) {
            if (!m_me || i != *m_me) {
                v.push_back(i);
            }
        }
        return v;
    }

    std::vector<PrivateKey> m_keys;
    std::unique_ptr<ValidatorSet> m_set;
    std::optional<uint32_t> m_me;
    std::unique_ptr<RoundMachine> m_machine;
};

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

TEST_F(RoundMachineTest, NextHeightResetsLockAndValidValue) {
    start();
    propose_checked(0, kBlockA);
    votes(VoteType::prevote, {0, 1, 2}, 0, kBlockA);
    votes(VoteType::precommit, {0, 1, 2}, 0, kBlockA);
    ASSERT_TRUE(m_machine->decided());
    EXPECT_TRUE(m_machine->start_height({kHeight, *m_set, m_me}).empty()) << "same height";
    ValidatorSet next = *m_set;
    next.advance_proposer();
    auto a = m_machine->start_height({kHeight + 1, next, m_me});
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
