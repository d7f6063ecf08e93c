#pragma once

#include <cstdint>
#include <memory>
#include <queue>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "consensus/events.hpp"
#include "scenario.hpp"

namespace azora::consensus::sim {

/// A proposal or vote on the wire. `id` names one creation: copies (duplicates, relays) share
/// it. `origin` is the node that created it; a proposal is authentic only if `origin` is its
/// proposer_index (the harness's stand-in for a proposal signature). Votes carry real
/// signatures and are checked with verify_vote.
struct Message {
    uint64_t id = 0;
    uint32_t origin = 0;
    std::variant<Proposal, Vote> body;

    uint64_t height() const;
};
using MessagePtr = std::shared_ptr<const Message>;

/// The first 4 bytes of `h` in hex, or "nil" (for traces and failure messages).
std::string short_hash(const Hash32& h);
/// One line describing `m` (for traces).
std::string describe(const Message& m);

/// Queue items: a message arriving, a timeout firing, a block verdict, the GST moment, a
/// gossip tick.
struct Delivery {
    MessagePtr msg;
    uint32_t from = 0;     ///< the node that transmitted it (may be a relay)
    bool catchup = false;  ///< part of a catch-up answer: never answered with catch-up
};
struct GstReached {};
struct GossipTick {};   ///< a node's periodic retransmission check
struct RestartNode {};  ///< the node crashes and restarts at once (Scenario::restarts)
using Item = std::variant<Delivery, Timeout, BlockVerdict, GstReached, GossipTick, RestartNode>;

struct Scheduled {
    uint64_t time = 0;
    uint64_t seq = 0;  // FIFO among equal times: the order is a function of the seed only
    uint32_t node = 0;
    Item item;
};

/// The virtual clock: items ordered by (time, insertion order).
class EventQueue {
public:
    void push(uint64_t at, uint32_t node, Item item);
    bool empty() const { return m_queue.empty(); }
    /// Removes the earliest item and moves the clock to its time.
    Scheduled pop();
    uint64_t now() const { return m_now; }

private:
    struct Later {
        bool operator()(const Scheduled& a, const Scheduled& b) const {
            return a.time != b.time ? a.time > b.time : a.seq > b.seq;
        }
    };
    std::priority_queue<Scheduled, std::vector<Scheduled>, Later> m_queue;
    uint64_t m_now = 0;
    uint64_t m_seq = 0;
};

/// The link model. Before GST a message may be dropped (more often across the current
/// partition), duplicated and delayed by up to max_delay_before_gst_ms (so reordered); from GST
/// on every message arrives exactly once within max_delay_after_gst_ms (or after exactly that
/// in worst-case scenarios).
class Network {
public:
    Network(const Scenario& scenario, std::mt19937_64& rng, EventQueue& queue)
        : m_scenario(scenario), m_rng(rng), m_queue(queue) {}

    void send(uint32_t from, uint32_t to, const MessagePtr& msg, bool catchup = false);

    uint64_t sent() const { return m_sent; }
    uint64_t dropped() const { return m_dropped; }
    uint64_t duplicated() const { return m_duplicated; }

private:
    uint64_t draw(uint64_t lo, uint64_t hi);

    const Scenario& m_scenario;
    std::mt19937_64& m_rng;
    EventQueue& m_queue;
    uint64_t m_sent = 0;
    uint64_t m_dropped = 0;
    uint64_t m_duplicated = 0;
};

}  // namespace azora::consensus::sim
