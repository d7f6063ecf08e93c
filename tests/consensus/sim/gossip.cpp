// The simulator's network layer on top of the link model: authenticity checks, delivery to a
// node's machine, relaying, retransmission, the GST flush and catch-up for nodes that are
// behind (what the node's p2p gossip and sync will do).

#include <string>

#include "simulator.hpp"

namespace azora::consensus::sim {

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
        if (n.restarts > 0) {
            ask_peers(n);
        }
    }
    n.progress_at_last_tick = progress;
    m_queue.push(m_queue.now() + kGossipIntervalMs, n.id, GossipTick{});
}

void Simulator::ask_peers(Node& n) {
    // The node's status reaching each peer (modelled without its own delay): a peer ahead sends
    // what decided the node's height, one at the same height all it holds for it, as the real
    // node's block sync and its replay to a newly connected peer do.
    const uint64_t height = n.machine.height();
    for (Node& peer : m_nodes) {
        if (peer.id == n.id || !peer.honest()) {
            continue;
        }
        if (peer.machine.height() > height) {
            answer_catchup(peer, n.id, height);
        } else if (peer.machine.height() == height) {
            for (const MessagePtr& msg : peer.log) {
                send(peer, n, msg);
            }
        }
    }
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

}  // namespace azora::consensus::sim
