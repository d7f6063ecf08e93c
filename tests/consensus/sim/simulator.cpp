#include "simulator.hpp"

#include <cstdio>
#include <sstream>

#include "consensus/commit_verifier.hpp"
#include "core/hash.hpp"

namespace azora::consensus::sim {

namespace {

const Hash32 kNil{};

std::string short_hash(const Hash32& h) {
    return h == kNil ? "nil" : to_hex(ByteView(h.data(), 4));
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

}  // namespace

Simulator::Simulator(const Scenario& scenario, CryptoCache& crypto, bool trace)
    : m_scenario(scenario),
      m_crypto(crypto),
      m_trace(trace),
      m_rng(scenario.seed ^ 0x5eed5eed5eed5eedull),
      m_network(scenario, m_rng, m_queue),
      m_keys(make_sim_keys(scenario.powers.size())) {
    std::vector<std::pair<PubKey, uint64_t>> members;
    for (size_t i = 0; i < m_keys.size(); ++i) {
        members.emplace_back(m_keys[i].public_key(), scenario.powers[i]);
    }
    m_genesis = std::move(ValidatorSet::create(std::move(members))).value();
    RoundMachineOptions options = scenario.machine;
    options.chain_id = std::string(kSimChainId);
    const auto n = static_cast<uint32_t>(m_keys.size());
    m_nodes.reserve(2 * n);
    for (uint32_t i = 0; i < n; ++i) {
        m_nodes.emplace_back(i, i, scenario.behaviours[i], options);
    }
    for (uint32_t i = 0; i < n; ++i) {
        if (scenario.behaviours[i] == Behaviour::twins) {
            m_nodes[i].twin_group = 0;
            const auto id = static_cast<uint32_t>(m_nodes.size());
            m_nodes.emplace_back(id, i, Behaviour::twins, options);
            m_nodes.back().twin_group = 1;
        }
    }
}

Outcome Simulator::run() {
    if (m_trace) {
        std::printf("scenario %s\n", sim::describe(m_scenario).c_str());
    }
    for (Node& n : m_nodes) {
        if (n.behaviour != Behaviour::withhold) {
            n.validators = m_genesis;
            start_height(n, 1);
        }
        if (n.honest()) {
            m_queue.push(draw(1, kGossipIntervalMs), n.id, GossipTick{});
        }
    }
    m_queue.push(m_scenario.gst_ms, 0, GstReached{});
    const uint64_t deadline = m_scenario.gst_ms + m_scenario.liveness_bound_ms;
    while (m_out.ok && !m_queue.empty() && !liveness_met()) {
        if (++m_out.events > kMaxEvents) {
            fail("event budget exhausted");
            break;
        }
        Scheduled s = m_queue.pop();
        if (s.time > deadline) {
            break;
        }
        Node& n = m_nodes[s.node];
        if (auto* d = std::get_if<Delivery>(&s.item)) {
            deliver(n, *d);
        } else if (auto* t = std::get_if<Timeout>(&s.item)) {
            trace(n, [&] {
                return "timeout " + std::string(to_string(t->step)) + " h" +
                       std::to_string(t->height) + " r" + std::to_string(t->round);
            });
            apply(n, n.machine.on_timeout(*t));
        } else if (auto* v = std::get_if<BlockVerdict>(&s.item)) {
            trace(n, [&] {
                return "verdict " + short_hash(v->block_hash) + (v->valid ? " valid" : " invalid");
            });
            apply(n, n.machine.on_block_verdict(*v));
        } else if (std::holds_alternative<GossipTick>(s.item)) {
            on_gossip_tick(n);
        } else {
            on_gst();
        }
    }
    if (m_out.ok && !liveness_met()) {
        std::ostringstream o;
        o << "LIVENESS: by t=" << deadline << "ms commits after GST per node:";
        for (const Node& n : m_nodes) {
            o << " " << n.id << ":" << (n.honest() ? std::to_string(n.commits_after_gst) : "byz")
              << "(h" << n.machine.height() << " r" << n.machine.round() << " "
              << to_string(n.machine.step()) << ")";
        }
        fail(o.str());
    }
    m_out.end_time_ms = m_queue.now();
    m_out.sent = m_network.sent();
    m_out.dropped = m_network.dropped();
    m_out.duplicated = m_network.duplicated();
    return m_out;
}

bool Simulator::liveness_met() const {
    for (const Node& n : m_nodes) {
        if (n.honest() && n.commits_after_gst < m_scenario.liveness_heights) {
            return false;
        }
    }
    return true;
}

void Simulator::start_height(Node& n, uint64_t height) {
    if (height > 1) {
        n.validators.advance_proposer();
    }
    n.seen.clear();
    n.log.clear();
    trace(n, [&] { return "start height " + std::to_string(height); });
    apply(n, n.machine.start_height({height, n.validators, n.index}));
    // Messages that arrived early go through delivery again now.
    std::vector<Delivery> keep;
    for (Delivery& d : n.future) {
        const uint64_t h = d.msg->height();
        if (h == height) {
            m_queue.push(m_queue.now(), n.id, std::move(d));
        } else if (h > height) {
            keep.push_back(std::move(d));
        }
    }
    n.future = std::move(keep);
}

bool Simulator::authentic(const Message& m) {
    auto [it, inserted] = m_authentic.try_emplace(m.id, false);
    if (inserted) {
        if (const auto* p = std::get_if<Proposal>(&m.body)) {
            it->second = m.origin == p->proposer_index;
        } else {
            const Vote& v = std::get<Vote>(m.body);
            it->second =
                v.validator_index < m_keys.size() &&
                m_crypto.verify(m_keys[v.validator_index].public_key(), v.data, v.signature);
        }
        if (!it->second) {
            ++m_out.forgeries_rejected;
        }
    }
    return it->second;
}

void Simulator::deliver(Node& n, const Delivery& d) {
    if (n.behaviour == Behaviour::withhold || !authentic(*d.msg)) {
        return;
    }
    const Message& m = *d.msg;
    const uint64_t h = m.height();
    const uint64_t current = n.machine.height();
    if (h < current) {
        if (!d.catchup && d.from != n.id) {
            answer_catchup(n, d.from, h);
        }
        return;
    }
    if (h > current) {
        if (h <= current + 2 && n.future.size() < kMaxFuture) {
            n.future.push_back(d);
        }
        return;
    }
    if (n.seen.insert(m.id).second) {
        n.log.push_back(d.msg);
        if (n.behaviour == Behaviour::fork) {
            if (const auto* p = std::get_if<Proposal>(&m.body)) {
                vote_for_everything(n, *p);
            }
        }
        if (n.honest()) {
            for (const Node& peer : m_nodes) {
                if (peer.id != n.id && peer.id != d.from) {
                    send(n, peer, d.msg);
                }
            }
        }
    }
    trace(n, [&] { return "<- " + describe(m) + " from " + std::to_string(d.from); });
    if (const auto* p = std::get_if<Proposal>(&m.body)) {
        apply(n, n.machine.on_proposal(*p));
    } else {
        apply(n, n.machine.on_vote(std::get<Vote>(m.body)));
    }
}

void Simulator::on_gst() {
    // Gossip's eventual delivery: whatever an honest node holds for its height reaches all.
    for (Node& n : m_nodes) {
        if (!n.honest()) {
            continue;
        }
        for (const MessagePtr& msg : n.log) {
            broadcast(n, msg);
        }
    }
}

void Simulator::on_gossip_tick(Node& n) {
    // Retransmission: a node stuck in one step re-sends what it said at this height.
    auto progress = std::make_tuple(n.machine.height(), n.machine.round(), n.machine.step());
    if (progress == n.progress_at_last_tick) {
        for (const MessagePtr& msg : n.log) {
            if (msg->origin == n.index) {
                broadcast(n, msg);
            }
        }
    }
    n.progress_at_last_tick = progress;
    m_queue.push(m_queue.now() + kGossipIntervalMs, n.id, GossipTick{});
}

void Simulator::answer_catchup(Node& n, uint32_t peer, uint64_t height) {
    auto it = n.decisions.find(height);
    if (!n.honest() || it == n.decisions.end()) {
        return;
    }
    auto [last, inserted] = n.last_catchup.try_emplace({peer, height}, m_queue.now());
    if (!inserted) {
        if (m_queue.now() - last->second < kCatchupIntervalMs) {
            return;
        }
        last->second = m_queue.now();
    }
    for (const MessagePtr& msg : it->second) {
        send(n, m_nodes[peer], msg, /*catchup=*/true);
    }
}

void Simulator::apply(Node& n, const std::vector<Action>& actions) {
    for (const Action& a : actions) {
        if (!m_out.ok) {
            return;
        }
        if (const auto* p = std::get_if<ProposeBlock>(&a)) {
            if (n.behaviour == Behaviour::equivocate || n.behaviour == Behaviour::invalid_votes ||
                n.behaviour == Behaviour::fork) {
                byzantine_propose(n, *p);
            } else {
                propose(n, *p);
            }
        } else if (const auto* v = std::get_if<ValidateBlock>(&a)) {
            auto it = m_blocks.find(v->block_hash);
            if (it != m_blocks.end()) {  // unknown hashes: no block, so no verdict ever
                m_queue.push(m_queue.now() + draw(0, m_scenario.max_execution_ms), n.id,
                             BlockVerdict{v->height, v->block_hash, it->second});
            }
        } else if (const auto* s = std::get_if<SignAndBroadcastVote>(&a)) {
            if (n.behaviour == Behaviour::equivocate || n.behaviour == Behaviour::invalid_votes) {
                byzantine_vote(n, s->vote);
            } else {
                vote(n, s->vote);
                if (n.behaviour == Behaviour::forge) {
                    forge(n, s->vote);
                }
            }
        } else if (const auto* t = std::get_if<ScheduleTimeout>(&a)) {
            m_queue.push(m_queue.now() + t->duration_ms, n.id,
                         Timeout{t->height, t->round, t->step});
        } else if (const auto* c = std::get_if<CommitBlock>(&a)) {
            commit(n, *c);
        } else if (const auto* e = std::get_if<Equivocation>(&a)) {
            evidence(n, *e);
        }
    }
}

void Simulator::propose(Node& n, const ProposeBlock& a) {
    if (n.honest() && !n.signed_proposals.emplace(a.height, a.round).second) {
        fail("node " + std::to_string(n.index) + " proposed twice at h" + std::to_string(a.height) +
             " r" + std::to_string(a.round));
        return;
    }
    // Twins build different blocks, so their proposals conflict too.
    const int tag = n.twin_group >= 0 ? 4 + n.twin_group : 0;
    Hash32 hash = a.block_hash ? *a.block_hash : make_block(a.height, n.index, a.round, tag);
    if (a.block_hash && !m_blocks.contains(hash)) {
        fail("node " + std::to_string(n.index) + " re-proposes a block it never saw");
        return;
    }
    auto msg = make_message(n.index, Proposal{a.height, a.round, hash, a.valid_round, n.index});
    trace(n, [&] { return "propose " + describe(*msg); });
    broadcast(n, msg);
    send_to_self(n, msg);
}

void Simulator::vote(Node& n, const VoteData& data) {
    if (n.honest()) {
        // The signing-state file: one vote per (height, round, type), ever.
        auto key = std::make_tuple(data.height, data.round, static_cast<uint8_t>(data.type));
        if (!n.signed_votes.emplace(key, data.block_hash).second) {
            fail("node " + std::to_string(n.index) + " signed twice at h" +
                 std::to_string(data.height) + " r" + std::to_string(data.round));
            return;
        }
    }
    auto msg = make_message(n.index, signed_vote(n.index, data));
    trace(n, [&] { return "vote " + describe(*msg); });
    broadcast(n, msg);
    send_to_self(n, msg);
}

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

MessagePtr Simulator::make_message(uint32_t origin, std::variant<Proposal, Vote> body) {
    if (const auto* v = std::get_if<Vote>(&body)) {
        note_prevote(*v);
    }
    return std::make_shared<const Message>(Message{m_next_id++, origin, std::move(body)});
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

Vote Simulator::signed_vote(uint32_t signer, const VoteData& data) {
    return Vote{data, signer, m_crypto.sign(m_keys[signer], data)};
}

void Simulator::broadcast(Node& from, const MessagePtr& msg) {
    for (const Node& peer : m_nodes) {
        if (peer.id != from.id) {
            send(from, peer, msg);
        }
    }
}

void Simulator::send(const Node& from, const Node& to, const MessagePtr& msg, bool catchup) {
    if (linked(from, to)) {
        m_network.send(from.id, to.id, msg, catchup);
    }
}

bool Simulator::linked(const Node& a, const Node& b) const {
    // A twin only talks to the honest nodes on its side of the (possibly shifting) split.
    if (a.twin_group < 0 && b.twin_group < 0) {
        return true;
    }
    auto side = [this](const Node& x) {
        return x.twin_group >= 0 ? x.twin_group : twin_side(m_scenario, x.id, m_queue.now());
    };
    return side(a) == side(b);
}

void Simulator::send_to_self(Node& n, const MessagePtr& msg) {
    m_queue.push(m_queue.now(), n.id, Delivery{msg, n.id, false});
}

Hash32 Simulator::make_block(uint64_t height, uint32_t proposer, uint32_t round, int tag) {
    // Tag 0: an honest block, rejected by the app rule for a seed-dependent share of hashes.
    // Tags 1, 2: an equivocating proposer's two valid variants. Tag 3: always invalid.
    // Tags 4, 5: the blocks of twin copies 0 and 1, valid.
    const Hash32 h =
        sha256(as_bytes("sim-block/" + std::to_string(height) + "/" + std::to_string(proposer) +
                        "/" + std::to_string(round) + "/" + std::to_string(tag)));
    bool valid = tag == 1 || tag == 2 || tag == 4 || tag == 5 ||
                 (tag == 0 && h[0] >= m_scenario.invalid_block_per_256);
    m_blocks.emplace(h, valid);
    return h;
}

uint64_t Simulator::draw(uint64_t lo, uint64_t hi) {
    return std::uniform_int_distribution<uint64_t>(lo, hi)(m_rng);
}

void Simulator::fail(const std::string& what) {
    if (m_out.ok) {
        m_out.ok = false;
        m_out.failure = "t=" + std::to_string(m_queue.now()) + "ms " + what;
    }
}

void Simulator::print_trace(const Node& n, const std::string& what) const {
    std::printf("%8llu n%u/v%u %s\n", static_cast<unsigned long long>(m_queue.now()), n.id, n.index,
                what.c_str());
}

Outcome run_scenario(const Scenario& scenario, CryptoCache& crypto, bool trace) {
    return Simulator(scenario, crypto, trace).run();
}

}  // namespace azora::consensus::sim
