#include "network.hpp"

#include <algorithm>
#include <sstream>

namespace azora::consensus::sim {

std::string short_hash(const Hash32& h) {
    return h == Hash32{} ? "nil" : to_hex(ByteView(h.data(), 4));
}

std::string describe(const Message& m) {
    std::ostringstream o;
    if (const auto* p = std::get_if<Proposal>(&m.body)) {
        o << "proposal h" << p->height << " r" << p->round << " " << short_hash(p->block_hash)
          << " pol" << p->pol_round << " by " << p->proposer_index;
    } else {
        const Vote& v = std::get<Vote>(m.body);
        o << (v.data.type == VoteType::prevote ? "prevote" : "precommit") << " h" << v.data.height
          << " r" << v.data.round << " " << short_hash(v.data.block_hash) << " by "
          << v.validator_index;
    }
    o << " (#" << m.id << " origin " << m.origin << ")";
    return o.str();
}

uint64_t Message::height() const {
    if (const auto* p = std::get_if<Proposal>(&body)) {
        return p->height;
    }
    return std::get<Vote>(body).data.height;
}

void EventQueue::push(uint64_t at, uint32_t node, Item item) {
    m_queue.push(Scheduled{at, m_seq++, node, std::move(item)});
}

Scheduled EventQueue::pop() {
    Scheduled s = m_queue.top();
    m_queue.pop();
    m_now = s.time;
    return s;
}

uint64_t Network::draw(uint64_t lo, uint64_t hi) {
    return std::uniform_int_distribution<uint64_t>(lo, hi)(m_rng);
}

void Network::send(uint32_t from, uint32_t to, const MessagePtr& msg, bool catchup) {
    ++m_sent;
    const uint64_t now = m_queue.now();
    if (now >= m_scenario.gst_ms) {
        const uint64_t delta = m_scenario.max_delay_after_gst_ms;
        m_queue.push(now + (m_scenario.worst_case_after_gst ? delta : draw(1, delta)), to,
                     Delivery{msg, from, catchup});
        return;
    }
    const bool across =
        partition_side(m_scenario, from, now) != partition_side(m_scenario, to, now);
    double drop_rate = across ? m_scenario.cross_partition_drop_rate : m_scenario.drop_rate;
    if (m_scenario.vote_censorship) {
        if (const auto* v = std::get_if<Vote>(&msg->body)) {
            if (!vote_favoured(m_scenario, to, v->data.height, v->data.round, v->data.type)) {
                drop_rate = std::max(drop_rate, 0.8);
            }
        }
    }
    std::bernoulli_distribution drop(drop_rate);
    std::bernoulli_distribution duplicate(m_scenario.duplicate_rate);
    if (drop(m_rng)) {
        ++m_dropped;
        return;
    }
    const int copies = duplicate(m_rng) ? 2 : 1;
    m_duplicated += copies - 1;
    for (int c = 0; c < copies; ++c) {
        m_queue.push(now + draw(0, m_scenario.max_delay_before_gst_ms), to,
                     Delivery{msg, from, catchup});
    }
}

}  // namespace azora::consensus::sim
