#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "consensus/actions.hpp"
#include "consensus/events.hpp"
#include "consensus/height_vote_set.hpp"
#include "consensus/round_machine_options.hpp"
#include "consensus/step.hpp"
#include "consensus/validator_set.hpp"

namespace azora::consensus {

/// One validator's Tendermint consensus (Buchman, Kwon, Milosevic, "The latest gossip on BFT
/// consensus", 2018, Algorithm 1) as a pure state machine: each event goes in, the actions the
/// node must carry out come back, in order. No clocks, threads, I/O or randomness: time enters
/// as Timeout events, execution as BlockVerdict events, signatures are checked by the caller.
/// The contract (what the node must do with each action) is in consensus/README.md.
///
/// Voting power decides every threshold: "2f+1" is quorum_power() (more than 2/3 of the
/// total), "f+1" is more than 1/3 of the total. Not thread-safe; one owner drives it.
class RoundMachine {
public:
    explicit RoundMachine(RoundMachineOptions options);

    /// Dispatches to the handler of the event's type.
    std::vector<Action> handle(const Event& event);

    /// Starts `e.height` at round 0 (StartRound(0)). Ignored unless the height is above every
    /// height started before. An own_index outside the set is treated as none.
    std::vector<Action> start_height(StartHeight e);
    /// A proposal from any round of the current height. Ignored unless it comes from
    /// proposer(height, round), its pol_round is -1 or below its round, and its round is within
    /// max_rounds_ahead of the current one.
    std::vector<Action> on_proposal(const Proposal& p);
    /// valid(v) for a block the machine asked about with ValidateBlock; others are ignored.
    std::vector<Action> on_block_verdict(const BlockVerdict& v);
    /// A prevote or precommit (signature already checked). Duplicates are ignored; a second,
    /// different vote of a validator for one (height, round, type) is not counted and is
    /// reported once as an Equivocation.
    std::vector<Action> on_vote(const Vote& vote);
    /// OnTimeoutPropose / OnTimeoutPrevote / OnTimeoutPrecommit.
    std::vector<Action> on_timeout(const Timeout& t);

    /// Duration of the `step` timeout in `round`: base + delta * round, saturating.
    uint64_t timeout_ms(Step step, uint32_t round) const;
    /// proposer(h, round) for the current height: the set's weighted rotation advanced `round`
    /// steps from its state at round 0. Precondition: a height has been started.
    uint32_t proposer(uint32_t round) const;
    /// Whether on_proposal would consider a proposal of this height for `round` from
    /// `proposer_index`: the round is within the window and that validator is its proposer.
    /// Cheap; lets a driver drop other proposals before it checks signatures or keeps blocks.
    bool expects_proposal(uint32_t round, uint32_t proposer_index) const;
    /// Whether on_vote would count `vote` (a new vote of this height within the window, its
    /// validator under the per-round limit): what a driver relays, before checking signatures.
    bool would_count(const Vote& vote) const;

    bool started() const { return m_started; }
    uint64_t height() const { return m_height; }
    uint32_t round() const { return m_round; }
    Step step() const { return m_step; }
    /// True once the current height is decided (CommitBlock emitted); waits for StartHeight.
    bool decided() const { return m_decided; }
    std::optional<uint32_t> own_index() const { return m_own; }
    const std::optional<Hash32>& locked_value() const { return m_locked_value; }
    OptRound locked_round() const { return m_locked_round; }
    const std::optional<Hash32>& valid_value() const { return m_valid_value; }
    OptRound valid_round() const { return m_valid_round; }
    /// The votes of the current height. Precondition: a height has been started.
    const HeightVoteSet& votes() const { return *m_votes; }

private:
    enum class Verdict : uint8_t { pending, valid, invalid };

    void start_round(uint32_t round, std::vector<Action>& out);
    void run_rules(std::vector<Action>& out);
    bool apply_one_rule(std::vector<Action>& out);
    bool try_decide(std::vector<Action>& out);
    bool try_round_skip(std::vector<Action>& out);
    bool try_prevote_proposal(std::vector<Action>& out);
    bool try_prevote_quorum_any(std::vector<Action>& out);
    bool try_prevote_quorum_value(std::vector<Action>& out);
    bool try_prevote_quorum_nil(std::vector<Action>& out);
    bool try_precommit_quorum_any(std::vector<Action>& out);

    void broadcast_vote(VoteType type, const Hash32& block_hash, std::vector<Action>& out);
    void schedule(Step step, std::vector<Action>& out) const;
    Verdict verdict_of(const Hash32& block_hash) const;
    bool has_quorum(uint32_t round, VoteType type, const Hash32& block_hash) const;
    const Proposal* find_proposal(uint32_t round, const Hash32& block_hash) const;
    bool within_window(uint32_t round) const;

    RoundMachineOptions m_options;

    // Height state (reset by start_height).
    bool m_started = false;
    bool m_decided = false;
    uint64_t m_height = 0;
    uint32_t m_round = 0;
    Step m_step = Step::propose;
    std::optional<uint32_t> m_own;
    ValidatorSet m_validators;
    uint64_t m_quorum = 0;     // 2f+1: quorum_power()
    uint64_t m_one_third = 0;  // f+1 means power > m_one_third
    std::optional<Hash32> m_locked_value;
    OptRound m_locked_round = kNoRound;
    std::optional<Hash32> m_valid_value;
    OptRound m_valid_round = kNoRound;
    std::optional<HeightVoteSet> m_votes;
    std::map<uint32_t, std::vector<Proposal>> m_proposals;  // by round, in arrival order
    std::map<Hash32, Verdict> m_blocks;                     // blocks sent to ValidateBlock
    std::set<uint32_t> m_commit_rounds;  // rounds where a block has 2/3 of the precommits

    // "for the first time" guards of the current round (reset by start_round).
    bool m_prevote_timeout_scheduled = false;    // line 34
    bool m_polka_seen = false;                   // line 36
    bool m_precommit_timeout_scheduled = false;  // line 47

    // Last vote emitted per type at this height: the no-double-sign invariant.
    std::array<std::optional<uint32_t>, 2> m_last_voted_round;

    // proposer(h, r) cache: m_rotation is m_validators advanced m_proposers.size() steps.
    mutable std::vector<uint32_t> m_proposers;
    mutable ValidatorSet m_rotation;
};

}  // namespace azora::consensus
