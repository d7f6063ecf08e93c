#pragma once

// What the consensus driver tests run on: an in-memory network that delivers every message
// synchronously to the other nodes' drivers (transactions to their relays), a signer without a
// signing-state file, and the loop that runs driver threads on a ManualClock as a
// discrete-event simulation.

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include "manual_clock.hpp"
#include "node/consensus_driver.hpp"
#include "node/tx_relay.hpp"

namespace azora::node::test {

/// Runs `drivers` driver threads on `clock` until `done()`: whenever all of them wait with
/// nothing to do, `done()` is asked and the clock jumps to the earliest deadline. False if
/// `done()` does not hold within `limit` of manual time, or if a driver stops waiting.
template <typename Pred>
bool run_drivers_until(ManualClock& clock,
                       size_t drivers,
                       Pred&& done,
                       std::chrono::milliseconds limit) {
    const auto end = clock.steady_now() + limit;
    for (;;) {
        if (!clock.wait_idle(drivers)) {
            ADD_FAILURE() << "the drivers did not go idle";
            return false;
        }
        if (done()) {
            return true;
        }
        // `done()` may have handed the drivers work (a test injecting messages).
        if (!clock.wait_idle(drivers)) {
            ADD_FAILURE() << "the drivers did not go idle";
            return false;
        }
        const auto next = clock.next_deadline();
        if (!next || *next > end) {
            return false;
        }
        clock.advance_to(*next);
    }
}

/// Lets `duration` of manual time pass for `drivers` driver threads.
inline void run_drivers_for(ManualClock& clock,
                            size_t drivers,
                            std::chrono::milliseconds duration) {
    const auto end = clock.steady_now() + duration;
    run_drivers_until(
        clock, drivers, [] { return false; }, duration);
    clock.advance_to(end);
    EXPECT_TRUE(clock.wait_idle(drivers));
}

class TestSigner final : public ValidatorSigner {
public:
    explicit TestSigner(PrivateKey key) : m_key(std::move(key)), m_pub(m_key.public_key()) {}
    const PubKey& public_key() const override { return m_pub; }
    Result<Signature> sign_proposal(const consensus::ProposalData& p) override {
        return m_key.sign(p.signing_hash());
    }
    Result<Signature> sign_vote(const consensus::VoteData& v) override {
        return consensus::sign_vote(m_key, v);
    }
    std::optional<consensus::PrecommitLock> lock() const override { return std::nullopt; }
    std::vector<consensus::Vote> height_votes(const std::string&, uint32_t) const override {
        return {};
    }
    Result<void> keep_locked_block(const ledger::Block&,
                                   uint32_t,
                                   const std::vector<consensus::Vote>&) override {
        return {};
    }
    std::optional<LockedBlock> locked_block() const override { return std::nullopt; }

private:
    PrivateKey m_key;
    PubKey m_pub;
};

/// Delivers every message synchronously to the other nodes' drivers; a node can be cut off.
class MemoryNet {
public:
    class Port final : public PeerNetwork {
    public:
        Port(MemoryNet& net, PeerId id) : m_net(net), m_id(id) {}
        void send(const PeerId& peer, MsgType type, Bytes payload) override {
            m_net.deliver(m_id, peer, type, payload);
        }
        void broadcast(MsgType type, Bytes payload, const std::optional<PeerId>& except) override {
            for (const auto& peer : m_net.ids()) {
                if (peer != m_id && (!except || peer != *except)) {
                    m_net.deliver(m_id, peer, type, payload);
                }
            }
        }
        void report(const PeerId& peer, uint32_t, std::string reason) override {
            std::lock_guard lock(m_net.m_mutex);
            if (m_net.m_suspects.contains(peer)) {
                m_net.m_suspect_reports.push_back(reason);
                return;
            }
            m_net.m_reports.fetch_add(1);
            ADD_FAILURE() << "unexpected misbehaviour report: " << reason;
        }

    private:
        MemoryNet& m_net;
        PeerId m_id;
    };

    void attach(const PeerId& id, ConsensusDriver* driver, TxRelay* relay) {
        {
            std::lock_guard lock(m_mutex);
            m_drivers[id] = driver;
            m_relays[id] = relay;
        }
        for (const auto& other : ids()) {
            if (other != id) {
                connect(id, other);
            }
        }
    }
    void detach(const PeerId& id) {
        std::lock_guard lock(m_mutex);
        m_drivers.erase(id);
        m_relays.erase(id);
    }
    void connect(const PeerId& a, const PeerId& b) {
        auto da = driver(a);
        auto db = driver(b);
        if (da && db) {
            da->on_peer_connected(b);
            db->on_peer_connected(a);
        }
    }
    void set_cut_off(const PeerId& id, bool cut) {
        std::lock_guard lock(m_mutex);
        if (cut) {
            m_cut.insert(id);
        } else {
            m_cut.erase(id);
        }
    }
    std::vector<PeerId> ids() const {
        std::lock_guard lock(m_mutex);
        std::vector<PeerId> out;
        for (const auto& [id, d] : m_drivers) {
            out.push_back(id);
        }
        return out;
    }
    std::atomic<int> m_reports{0};

    /// A peer a test expects to be reported: its reports are recorded, not failures.
    void suspect(const PeerId& id) {
        std::lock_guard lock(m_mutex);
        m_suspects.insert(id);
    }
    std::vector<std::string> suspect_reports() const {
        std::lock_guard lock(m_mutex);
        return m_suspect_reports;
    }
    /// Proposal and vote bytes sent to a peer that no driver stands behind.
    size_t consensus_bytes_to(const PeerId& outsider) const {
        std::lock_guard lock(m_mutex);
        auto it = m_consensus_bytes_to_outsiders.find(outsider);
        return it == m_consensus_bytes_to_outsiders.end() ? 0 : it->second;
    }

private:
    ConsensusDriver* driver(const PeerId& id) const {
        std::lock_guard lock(m_mutex);
        auto it = m_drivers.find(id);
        return it == m_drivers.end() ? nullptr : it->second;
    }
    void deliver(const PeerId& from, const PeerId& to, MsgType type, const Bytes& payload) {
        {
            std::lock_guard lock(m_mutex);
            if (m_cut.contains(from) || m_cut.contains(to)) {
                return;
            }
        }
        if (type == MsgType::txs) {
            // As the node routes them: transactions to the relay, the rest to the driver.
            TxRelay* relay = nullptr;
            {
                std::lock_guard lock(m_mutex);
                auto it = m_relays.find(to);
                relay = it == m_relays.end() ? nullptr : it->second;
            }
            if (relay != nullptr) {
                auto r = relay->on_message(from, payload);
                EXPECT_TRUE(r.ok()) << r.error().to_string();
            }
        } else if (auto* d = driver(to)) {
            auto r = d->on_message(from, type, payload);
            EXPECT_TRUE(r.ok()) << r.error().to_string();
        } else if (type == MsgType::proposal || type == MsgType::vote) {
            std::lock_guard lock(m_mutex);
            m_consensus_bytes_to_outsiders[to] += payload.size();
        }
    }

    mutable std::mutex m_mutex;
    std::map<PeerId, ConsensusDriver*> m_drivers;
    std::map<PeerId, TxRelay*> m_relays;
    std::set<PeerId> m_cut;
    std::set<PeerId> m_suspects;
    std::vector<std::string> m_suspect_reports;
    std::map<PeerId, size_t> m_consensus_bytes_to_outsiders;
};

}  // namespace azora::node::test
