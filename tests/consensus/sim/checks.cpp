// The properties every run is checked against while it runs: agreement, the locking lemma,
// commits that verify, evidence that proves something.

#include <string>

#include "consensus/commit_verifier.hpp"
#include "simulator.hpp"

namespace azora::consensus::sim {

namespace {

const Hash32 kNil{};

}  // namespace

void Simulator::commit(Node& n, const CommitBlock& c) {
    trace(n, [&] {
        return "COMMIT h" + std::to_string(c.height) + " r" + std::to_string(c.round) + " " +
               short_hash(c.block_hash);
    });
    if (n.honest()) {
        auto [it, inserted] = m_decided.emplace(c.height, c.block_hash);
        if (!inserted && it->second != c.block_hash) {
            fail("SAFETY: node " + std::to_string(n.index) + " committed " +
                 short_hash(c.block_hash) + " at h" + std::to_string(c.height) +
                 ", another honest node committed " + short_hash(it->second));
            return;
        }
        auto [r, first] = m_decided_round.emplace(c.height, c.round);
        if (!first && c.round < r->second) {
            r->second = c.round;
        }
        check_no_polka_after_decision(c.height);
        auto verified = verify_commit(m_genesis, std::string(kSimChainId), c.height, c.block_hash,
                                      make_commit(c.height, c.round, c.block_hash, c.precommits));
        if (!verified.ok()) {
            fail("node " + std::to_string(n.index) +
                 " commit fails verify_commit: " + verified.error().to_string());
            return;
        }
        auto block = m_blocks.find(c.block_hash);
        if (block == m_blocks.end() || !block->second) {
            fail("node " + std::to_string(n.index) + " committed a block the app rejects");
            return;
        }
        ++m_out.commits_checked;
        m_out.max_height = std::max(m_out.max_height, c.height);
        m_out.max_round = std::max(m_out.max_round, c.round);
        if (m_queue.now() >= m_scenario.gst_ms) {
            ++n.commits_after_gst;
        }
        // Keep what proves the decision, to help peers that are behind.
        std::vector<MessagePtr>& proof = n.decisions[c.height];
        for (const MessagePtr& msg : n.log) {
            if (const auto* p = std::get_if<Proposal>(&msg->body)) {
                if (p->round == c.round && p->block_hash == c.block_hash) {
                    proof.push_back(msg);
                }
            } else {
                const VoteData& d = std::get<Vote>(msg->body).data;
                if (d.type == VoteType::precommit && d.round == c.round &&
                    d.block_hash == c.block_hash) {
                    proof.push_back(msg);
                }
            }
        }
    }
    start_height(n, c.height + 1);
}

void Simulator::evidence(Node& n, const Equivocation& e) {
    if (!n.honest()) {
        return;
    }
    const Vote& a = e.vote_a;
    const Vote& b = e.vote_b;
    const bool well_formed =
        a.validator_index == b.validator_index && a.validator_index < m_keys.size() &&
        a.data.height == b.data.height && a.data.round == b.data.round &&
        a.data.type == b.data.type && a.data.block_hash != b.data.block_hash &&
        m_crypto.verify(m_keys[a.validator_index].public_key(), a.data, a.signature) &&
        m_crypto.verify(m_keys[b.validator_index].public_key(), b.data, b.signature);
    if (!well_formed) {
        fail("node " + std::to_string(n.index) + " reported evidence that proves nothing");
        return;
    }
    if (m_scenario.behaviours[a.validator_index] == Behaviour::honest) {
        fail("node " + std::to_string(n.index) + " accuses honest validator " +
             std::to_string(a.validator_index));
        return;
    }
    ++m_out.equivocations_reported;
}

void Simulator::note_prevote(const Vote& v) {
    const VoteData& d = v.data;
    if (d.type != VoteType::prevote || d.block_hash == kNil || v.validator_index >= m_keys.size() ||
        !m_crypto.verify(m_keys[v.validator_index].public_key(), d, v.signature)) {
        return;
    }
    auto key = std::make_tuple(d.height, d.round, d.block_hash);
    auto& voters = m_prevoters[key];
    if (!voters.insert(v.validator_index).second) {
        return;
    }
    uint64_t power = 0;
    for (uint32_t i : voters) {
        power += m_scenario.powers[i];
    }
    if (power >= m_genesis.quorum_power() && m_polkas.insert(key).second) {
        check_no_polka_after_decision(d.height);
    }
}

void Simulator::check_no_polka_after_decision(uint64_t height) {
    auto decided = m_decided.find(height);
    if (decided == m_decided.end()) {
        return;
    }
    const uint32_t round = m_decided_round.at(height);
    for (auto it = m_polkas.lower_bound({height, round, Hash32{}});
         it != m_polkas.end() && std::get<0>(*it) == height; ++it) {
        if (std::get<2>(*it) != decided->second) {
            fail("SAFETY: " + short_hash(decided->second) + " was decided at h" +
                 std::to_string(height) + " r" + std::to_string(round) + " but " +
                 short_hash(std::get<2>(*it)) + " has a 2/3 prevote quorum in round " +
                 std::to_string(std::get<1>(*it)));
            return;
        }
    }
}

}  // namespace azora::consensus::sim
