#include "simulator.hpp"

#include <cstdio>
#include <sstream>

#include "core/hash.hpp"

namespace azora::consensus::sim {

Simulator::Simulator(const Scenario& scenario, CryptoCache& crypto, bool trace)
    : m_scenario(scenario),
      m_machine_options([&] {
          RoundMachineOptions options = scenario.machine;
          options.chain_id = std::string(kSimChainId);
          return options;
      }()),
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
    const RoundMachineOptions& options = m_machine_options;
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
    for (const CrashRestart& r : m_scenario.restarts) {
        m_queue.push(r.time_ms, r.validator, RestartNode{});
    }
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
        } else if (std::holds_alternative<RestartNode>(s.item)) {
            restart(n);
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

void Simulator::restart(Node& n) {
    ++n.restarts;
    ++m_out.restarts;
    // The chain (decisions, rotation state) and the signing state survive; the machine, the
    // messages held and the pending timers do not (stale Timeout events may still arrive: the
    // machine takes them as early timeouts, which asynchrony allows anyway).
    const uint64_t height = n.machine.height();
    n.machine = RoundMachine(m_machine_options);
    n.seen.clear();
    n.log.clear();
    n.future.clear();
    n.last_catchup.clear();
    std::optional<RestoredLock> lock;
    for (const auto& [at, block] : n.signed_votes) {
        const auto& [h, round, type] = at;
        if (h == height && type == static_cast<uint8_t>(VoteType::precommit) && block != Hash32{} &&
            (!lock || round > lock->round)) {
            lock = RestoredLock{round, block, /*have_block=*/true};  // DATADIR/locked_block
        }
    }
    trace(n, [&] {
        return "RESTART at h" + std::to_string(height) +
               (lock
                    ? " locked r" + std::to_string(lock->round) + " " + short_hash(lock->block_hash)
                    : std::string(" unlocked"));
    });
    apply(n, n.machine.start_height({height, n.validators, n.index, lock}));
    // As the node does (consensus_driver.cpp): the votes it signed at this height go out again,
    // as they are, so no signing-state check applies.
    for (const auto& [at, block] : n.signed_votes) {
        const auto& [h, round, type] = at;
        if (h == height) {
            auto msg = make_message(
                n.index, signed_vote(n.index, VoteData{static_cast<VoteType>(type),
                                                       std::string(kSimChainId), h, round, block}));
            trace(n, [&] { return "resend " + describe(*msg); });
            broadcast(n, msg);
            send_to_self(n, msg);
        }
    }
    if (lock) {
        for (const MessagePtr& msg : n.locked_pol) {
            const auto* v = std::get_if<Vote>(&msg->body);
            if (v != nullptr && v->data.height == height && v->data.round == lock->round) {
                trace(n, [&] { return "resend pol " + describe(*msg); });
                broadcast(n, msg);
                send_to_self(n, msg);
            }
        }
    }
    ask_peers(n);
}

bool Simulator::may_sign(Node& n, std::tuple<uint64_t, uint32_t, uint8_t> at, const Hash32& block) {
    if (n.last_signed && at <= *n.last_signed) {
        if (n.restarts == 0) {
            fail("node " + std::to_string(n.index) + " asked to sign at or below its last " +
                 "signature at h" + std::to_string(std::get<0>(at)) + " r" +
                 std::to_string(std::get<1>(at)));
            return false;
        }
        if (at == *n.last_signed && block == n.last_signed_block) {
            return true;  // the same message again: the stored signature
        }
        ++m_out.signatures_refused;
        return false;
    }
    n.last_signed = at;
    n.last_signed_block = block;
    return true;
}

void Simulator::start_height(Node& n, uint64_t height) {
    if (height > 1) {
        n.validators.advance_proposer();
    }
    n.seen.clear();
    n.log.clear();
    trace(n, [&] { return "start height " + std::to_string(height); });
    apply(n, n.machine.start_height({height, n.validators, n.index, std::nullopt}));
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
    // Twins build different blocks, so their proposals conflict too.
    const int tag = n.twin_group >= 0 ? 4 + n.twin_group : 0;
    Hash32 hash = a.block_hash ? *a.block_hash : make_block(a.height, n.index, a.round, tag);
    if (a.block_hash && !m_blocks.contains(hash)) {
        fail("node " + std::to_string(n.index) + " re-proposes a block it never saw");
        return;
    }
    if (n.honest()) {
        if (!may_sign(n, {a.height, a.round, 0}, hash)) {
            return;
        }
        if (!n.signed_proposals.emplace(a.height, a.round).second && n.restarts == 0) {
            fail("node " + std::to_string(n.index) + " proposed twice at h" +
                 std::to_string(a.height) + " r" + std::to_string(a.round));
            return;
        }
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
        if (!may_sign(n, key, data.block_hash)) {
            return;
        }
        auto [it, inserted] = n.signed_votes.emplace(key, data.block_hash);
        if (!inserted && it->second != data.block_hash) {
            fail("node " + std::to_string(n.index) + " signed twice at h" +
                 std::to_string(data.height) + " r" + std::to_string(data.round));
            return;
        }
        if (data.type == VoteType::precommit && data.block_hash != Hash32{}) {
            n.locked_pol.clear();
            for (const MessagePtr& msg : n.log) {
                const auto* v = std::get_if<Vote>(&msg->body);
                if (v != nullptr && v->data.type == VoteType::prevote &&
                    v->data.round == data.round && v->data.block_hash == data.block_hash) {
                    n.locked_pol.push_back(msg);
                }
            }
        }
    }
    auto msg = make_message(n.index, signed_vote(n.index, data));
    trace(n, [&] { return "vote " + describe(*msg); });
    broadcast(n, msg);
    send_to_self(n, msg);
}

MessagePtr Simulator::make_message(uint32_t origin, std::variant<Proposal, Vote> body) {
    if (const auto* v = std::get_if<Vote>(&body)) {
        note_prevote(*v);
    }
    return std::make_shared<const Message>(Message{m_next_id++, origin, std::move(body)});
}

Vote Simulator::signed_vote(uint32_t signer, const VoteData& data) {
    return Vote{data, signer, m_crypto.sign(m_keys[signer], data)};
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
