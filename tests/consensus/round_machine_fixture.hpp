#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "consensus/commit_verifier.hpp"
#include "consensus/round_machine.hpp"
#include "core/hash.hpp"

// Shared by the RoundMachine unit tests: a validator set with real keys and one machine under
// test, with helpers that feed it events.
namespace azora::consensus::test_support {

inline const std::string kChain = "azora-test-1";
inline constexpr uint64_t kHeight = 7;
inline const Hash32 kNil{};
inline const Hash32 kBlockA = sha256(as_bytes("block a"));
inline const Hash32 kBlockB = sha256(as_bytes("block b"));

inline PrivateKey key(size_t i) {
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

    std::vector<Action> start() {
        return m_machine->start_height({kHeight, *m_set, m_me, std::nullopt});
    }

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

}  // namespace azora::consensus::test_support
