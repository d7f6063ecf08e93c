#include "consensus/round_machine.hpp"

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <utility>

namespace azora::consensus {

namespace {

const Hash32 kNil{};

// A broken invariant of the machine itself: signing on would risk a double vote, so stop.
[[noreturn]] void invariant_failed(const char* what) {
    std::fprintf(stderr, "consensus::RoundMachine invariant violated: %s\n", what);
    std::abort();
}

uint64_t linear_timeout(uint64_t base, uint64_t delta, uint32_t round) {
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    if (round != 0 && delta > (max - base) / round) {
        return max;
    }
    return base + delta * round;
}

size_t type_slot(VoteType type) {
    return type == VoteType::prevote ? 0 : 1;
}

}  // namespace

RoundMachine::RoundMachine(RoundMachineOptions options) : m_options(std::move(options)) {}

std::vector<Action> RoundMachine::handle(const Event& event) {
    return std::visit(
        [this](const auto& e) -> std::vector<Action> {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, StartHeight>) {
                return start_height(e);
            } else if constexpr (std::is_same_v<T, Proposal>) {
                return on_proposal(e);
            } else if constexpr (std::is_same_v<T, BlockVerdict>) {
                return on_block_verdict(e);
            } else if constexpr (std::is_same_v<T, Vote>) {
                return on_vote(e);
            } else {
                return on_timeout(e);
            }
        },
        event);
}

uint64_t RoundMachine::timeout_ms(Step step, uint32_t round) const {
    switch (step) {
        case Step::propose:
            return linear_timeout(m_options.timeout_propose_ms, m_options.timeout_propose_delta_ms,
                                  round);
        case Step::prevote:
            return linear_timeout(m_options.timeout_prevote_ms, m_options.timeout_prevote_delta_ms,
                                  round);
        case Step::precommit:
            break;
    }
    return linear_timeout(m_options.timeout_precommit_ms, m_options.timeout_precommit_delta_ms,
                          round);
}

uint32_t RoundMachine::proposer(uint32_t round) const {
    while (m_proposers.size() <= round) {
        const Validator& p = m_rotation.proposer();
        m_proposers.push_back(static_cast<uint32_t>(&p - m_rotation.validators().data()));
        m_rotation.advance_proposer();
    }
    return m_proposers[round];
}

bool RoundMachine::expects_proposal(uint32_t round, uint32_t proposer_index) const {
    return m_started && !m_decided && within_window(round) && proposer(round) == proposer_index;
}

bool RoundMachine::would_count(const Vote& vote) const {
    return m_started && !m_decided && m_votes && m_votes->would_add(vote, m_round);
}

// ---- events ---------------------------------------------------------------------------------

std::vector<Action> RoundMachine::start_height(StartHeight e) {
    std::vector<Action> out;
    if (m_started && e.height <= m_height) {
        return out;
    }
    m_started = true;
    m_decided = false;
    m_height = e.height;
    m_own = e.own_index && *e.own_index < e.validators.size() ? e.own_index : std::nullopt;
    m_validators = std::move(e.validators);
    m_quorum = m_validators.quorum_power();
    m_one_third = m_validators.total_power() / 3;
    m_locked_value.reset();
    m_locked_round = kNoRound;
    m_valid_value.reset();
    m_valid_round = kNoRound;
    if (e.lock && m_own) {
        // Without the block it proposes a fresh one as proposer (there is no validValue) and
        // prevotes nil for it, which is safe; only a POL round at or above the lock's can move
        // the lock.
        m_locked_value = e.lock->block_hash;
        m_locked_round = e.lock->round;
        if (e.lock->have_block) {
            m_valid_value = e.lock->block_hash;
            m_valid_round = e.lock->round;
        }
    }
    std::vector<uint64_t> powers;
    for (const auto& v : m_validators.validators()) {
        powers.push_back(v.power);
    }
    m_votes.emplace(m_options.chain_id, m_height, std::move(powers), m_options.max_rounds_ahead,
                    m_options.max_votes_per_validator);
    m_proposals.clear();
    m_blocks.clear();
    m_commit_rounds.clear();
    m_last_voted_round = {};
    m_proposers.clear();
    m_rotation = m_validators;
    start_round(0, out);
    run_rules(out);
    return out;
}

std::vector<Action> RoundMachine::on_proposal(const Proposal& p) {
    std::vector<Action> out;
    if (!m_started || m_decided || p.height != m_height || !within_window(p.round) ||
        p.pol_round < kNoRound || p.pol_round >= static_cast<OptRound>(p.round) ||
        p.proposer_index != proposer(p.round)) {
        return out;
    }
    auto& list = m_proposals[p.round];
    for (const auto& q : list) {
        if (q.block_hash == p.block_hash && q.pol_round == p.pol_round) {
            return out;  // duplicate
        }
    }
    if (list.size() >= m_options.max_proposals_per_round &&
        !has_quorum(p.round, VoteType::prevote, p.block_hash) &&
        !has_quorum(p.round, VoteType::precommit, p.block_hash)) {
        return out;  // an equivocating proposer's flood; keep only what a quorum backs
    }
    list.push_back(p);
    m_votes->note_sender(p.round, p.proposer_index, m_round);
    if (m_blocks.emplace(p.block_hash, Verdict::pending).second) {
        out.push_back(ValidateBlock{m_height, p.round, p.block_hash});
    }
    run_rules(out);
    return out;
}

std::vector<Action> RoundMachine::on_block_verdict(const BlockVerdict& v) {
    std::vector<Action> out;
    if (!m_started || m_decided || v.height != m_height) {
        return out;
    }
    auto it = m_blocks.find(v.block_hash);
    if (it == m_blocks.end() || it->second != Verdict::pending) {
        return out;
    }
    it->second = v.valid ? Verdict::valid : Verdict::invalid;
    run_rules(out);
    return out;
}

std::vector<Action> RoundMachine::on_vote(const Vote& vote) {
    std::vector<Action> out;
    if (!m_started || m_decided) {
        return out;
    }
    VoteAddResult r = m_votes->add(vote, m_round);
    if (r.conflicts_with) {
        out.push_back(Equivocation{*r.conflicts_with, vote});
    }
    if (r.status != VoteAddStatus::added) {
        return out;
    }
    const VoteData& d = vote.data;
    if (d.type == VoteType::precommit && d.block_hash != kNil &&
        has_quorum(d.round, VoteType::precommit, d.block_hash)) {
        m_commit_rounds.insert(d.round);
    }
    run_rules(out);
    return out;
}

std::vector<Action> RoundMachine::on_timeout(const Timeout& t) {
    std::vector<Action> out;
    if (!m_started || m_decided || t.height != m_height || t.round != m_round) {
        return out;
    }
    switch (t.step) {
        case Step::propose:  // OnTimeoutPropose, line 57
            if (m_step == Step::propose) {
                broadcast_vote(VoteType::prevote, kNil, out);
                m_step = Step::prevote;
            }
            break;
        case Step::prevote:  // OnTimeoutPrevote, line 61
            if (m_step == Step::prevote) {
                broadcast_vote(VoteType::precommit, kNil, out);
                m_step = Step::precommit;
            }
            break;
        case Step::precommit:  // OnTimeoutPrecommit, line 65
            if (m_round == std::numeric_limits<uint32_t>::max()) {
                return out;
            }
            start_round(m_round + 1, out);
            break;
    }
    run_rules(out);
    return out;
}

// ---- StartRound -----------------------------------------------------------------------------

void RoundMachine::start_round(uint32_t round, std::vector<Action>& out) {
    m_round = round;
    m_step = Step::propose;
    m_prevote_timeout_scheduled = false;
    m_polka_seen = false;
    m_precommit_timeout_scheduled = false;
    if (m_own && proposer(round) == *m_own) {
        // Line 14: propose validValue if there is one, else a fresh block from the app. Only a
        // validValue restored after a restart can be of this round or later; its proposal
        // would be malformed, and the signing state refuses those rounds anyway.
        if (m_valid_value && m_valid_round < static_cast<OptRound>(round)) {
            out.push_back(ProposeBlock{m_height, round, m_valid_round, m_valid_value});
        } else {
            out.push_back(ProposeBlock{m_height, round, kNoRound, std::nullopt});
        }
    }
    // Line 21 schedules this for non-proposers only. The proposer's own proposal comes back
    // through block building and execution, which may fail or stall; the timeout only ever
    // leads to a nil prevote, which is always safe.
    schedule(Step::propose, out);
}

// ---- helpers --------------------------------------------------------------------------------

void RoundMachine::broadcast_vote(VoteType type,
                                  const Hash32& block_hash,
                                  std::vector<Action>& out) {
    if (!m_own) {
        return;  // a follower runs the same steps but signs nothing
    }
    // Rounds only grow within a height and each step is left once per round, so this node
    // votes at most once per (round, type). The node's signing-state file enforces the same
    // across restarts; here a violation is a bug in the machine.
    auto& last = m_last_voted_round[type_slot(type)];
    if (last && *last >= m_round) {
        invariant_failed("second vote for one (height, round, type)");
    }
    last = m_round;
    out.push_back(
        SignAndBroadcastVote{VoteData{type, m_options.chain_id, m_height, m_round, block_hash}});
}

void RoundMachine::schedule(Step step, std::vector<Action>& out) const {
    out.push_back(ScheduleTimeout{m_height, m_round, step, timeout_ms(step, m_round)});
}

RoundMachine::Verdict RoundMachine::verdict_of(const Hash32& block_hash) const {
    auto it = m_blocks.find(block_hash);
    return it == m_blocks.end() ? Verdict::pending : it->second;
}

bool RoundMachine::has_quorum(uint32_t round, VoteType type, const Hash32& block_hash) const {
    const VoteSet* set = m_votes->get(round, type);
    return set != nullptr && set->power_for(block_hash) >= m_quorum;
}

const Proposal* RoundMachine::find_proposal(uint32_t round, const Hash32& block_hash) const {
    auto it = m_proposals.find(round);
    if (it == m_proposals.end()) {
        return nullptr;
    }
    for (const Proposal& p : it->second) {
        if (p.block_hash == block_hash) {
            return &p;
        }
    }
    return nullptr;
}

bool RoundMachine::within_window(uint32_t round) const {
    return round <= m_round || round - m_round <= m_options.max_rounds_ahead;
}

}  // namespace azora::consensus
