// The "upon" rules of Algorithm 1 (Buchman, Kwon, Milosevic 2018), one function each, with the
// paper's line numbers. run_rules() applies enabled rules until none is; each rule disables
// itself when it fires (the step moves, a "first time" guard is set, the round grows or the
// height is decided), so the loop ends.

#include "consensus/round_machine.hpp"

namespace azora::consensus {

namespace {

const Hash32 kNil{};

}  // namespace

void RoundMachine::run_rules(std::vector<Action>& out) {
    while (!m_decided && apply_one_rule(out)) {
    }
}

bool RoundMachine::apply_one_rule(std::vector<Action>& out) {
    return try_decide(out) || try_round_skip(out) || try_prevote_proposal(out) ||
           try_prevote_quorum_any(out) || try_prevote_quorum_value(out) ||
           try_prevote_quorum_nil(out) || try_precommit_quorum_any(out);
}

// Line 49: upon ⟨PROPOSAL, hp, r, v, ∗⟩ from proposer(hp, r) AND 2f+1 ⟨PRECOMMIT, hp, r, id(v)⟩
// while decision_p[hp] = nil: if valid(v), decide v.
bool RoundMachine::try_decide(std::vector<Action>& out) {
    for (uint32_t r : m_commit_rounds) {
        const VoteSet* precommits = m_votes->get(r, VoteType::precommit);
        for (const auto& [hash, power] : precommits->tallies()) {
            if (hash == kNil || power < m_quorum || find_proposal(r, hash) == nullptr ||
                verdict_of(hash) != Verdict::valid) {
                continue;
            }
            m_decided = true;
            out.push_back(CommitBlock{m_height, r, hash, precommits->votes_for(hash)});
            return true;
        }
    }
    return false;
}

// Line 55: upon f+1 ⟨∗, hp, round, ∗, ∗⟩ with round > round_p: StartRound(round). Jumps to the
// highest such round.
bool RoundMachine::try_round_skip(std::vector<Action>& out) {
    auto r = m_votes->highest_round_above(m_round, m_one_third);
    if (!r) {
        return false;
    }
    start_round(*r, out);
    return true;
}

// Line 22: upon ⟨PROPOSAL, hp, round_p, v, −1⟩ from proposer(hp, round_p) while step = propose.
// Line 28: upon ⟨PROPOSAL, hp, round_p, v, vr⟩ from proposer(hp, round_p) AND
//          2f+1 ⟨PREVOTE, hp, vr, id(v)⟩ while step = propose ∧ (vr ≥ 0 ∧ vr < round_p).
// Both wait for valid(v); the first proposal of the round (in arrival order) that is ready wins.
bool RoundMachine::try_prevote_proposal(std::vector<Action>& out) {
    if (m_step != Step::propose) {
        return false;
    }
    auto it = m_proposals.find(m_round);
    if (it == m_proposals.end()) {
        return false;
    }
    for (const Proposal& p : it->second) {
        const Verdict verdict = verdict_of(p.block_hash);
        if (verdict == Verdict::pending) {
            continue;
        }
        bool accept = false;
        if (p.pol_round == kNoRound) {
            accept = verdict == Verdict::valid &&
                     (m_locked_round == kNoRound || m_locked_value == p.block_hash);
        } else {
            if (!has_quorum(static_cast<uint32_t>(p.pol_round), VoteType::prevote, p.block_hash)) {
                continue;
            }
            accept = verdict == Verdict::valid &&
                     (m_locked_round <= p.pol_round || m_locked_value == p.block_hash);
        }
        broadcast_vote(VoteType::prevote, accept ? p.block_hash : kNil, out);
        m_step = Step::prevote;
        return true;
    }
    return false;
}

// Line 34: upon 2f+1 ⟨PREVOTE, hp, round_p, ∗⟩ while step = prevote for the first time.
bool RoundMachine::try_prevote_quorum_any(std::vector<Action>& out) {
    if (m_step != Step::prevote || m_prevote_timeout_scheduled) {
        return false;
    }
    const VoteSet* prevotes = m_votes->get(m_round, VoteType::prevote);
    if (prevotes == nullptr || prevotes->total_power() < m_quorum) {
        return false;
    }
    m_prevote_timeout_scheduled = true;
    schedule(Step::prevote, out);
    return true;
}

// Line 36: upon ⟨PROPOSAL, hp, round_p, v, ∗⟩ from proposer(hp, round_p) AND
// 2f+1 ⟨PREVOTE, hp, round_p, id(v)⟩ while valid(v) ∧ step ≥ prevote for the first time.
bool RoundMachine::try_prevote_quorum_value(std::vector<Action>& out) {
    if (m_step < Step::prevote || m_polka_seen) {
        return false;
    }
    auto it = m_proposals.find(m_round);
    if (it == m_proposals.end()) {
        return false;
    }
    for (const Proposal& p : it->second) {
        if (!has_quorum(m_round, VoteType::prevote, p.block_hash) ||
            verdict_of(p.block_hash) != Verdict::valid) {
            continue;
        }
        m_polka_seen = true;
        if (m_step == Step::prevote) {
            m_locked_value = p.block_hash;
            m_locked_round = m_round;
            broadcast_vote(VoteType::precommit, p.block_hash, out);
            m_step = Step::precommit;
        }
        m_valid_value = p.block_hash;
        m_valid_round = m_round;
        return true;
    }
    return false;
}

// Line 44: upon 2f+1 ⟨PREVOTE, hp, round_p, nil⟩ while step = prevote.
bool RoundMachine::try_prevote_quorum_nil(std::vector<Action>& out) {
    if (m_step != Step::prevote || !has_quorum(m_round, VoteType::prevote, kNil)) {
        return false;
    }
    broadcast_vote(VoteType::precommit, kNil, out);
    m_step = Step::precommit;
    return true;
}

// Line 47: upon 2f+1 ⟨PRECOMMIT, hp, round_p, ∗⟩ for the first time.
bool RoundMachine::try_precommit_quorum_any(std::vector<Action>& out) {
    if (m_precommit_timeout_scheduled) {
        return false;
    }
    const VoteSet* precommits = m_votes->get(m_round, VoteType::precommit);
    if (precommits == nullptr || precommits->total_power() < m_quorum) {
        return false;
    }
    m_precommit_timeout_scheduled = true;
    schedule(Step::precommit, out);
    return true;
}

}  // namespace azora::consensus
