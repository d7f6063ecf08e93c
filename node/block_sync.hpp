#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "node/clock.hpp"
#include "node/messages.hpp"
#include "node/peer_network.hpp"

namespace azora::node {

struct SyncOptions {
    size_t window = 64;  ///< blocks requested ahead of the head while catching up
    std::chrono::milliseconds request_timeout{5'000};
    /// A peer only one block ahead has usually just decided the height this node is deciding
    /// too: fetch that block only if consensus has not finished it after this long.
    std::chrono::milliseconds one_behind_grace{1'000};
    size_t max_fetched_bytes = 128u << 20;  ///< fetched blocks waiting to be applied
};

/// A block request to send: BlockRequestMsg{height} to `peer`.
struct BlockRequest {
    PeerId peer{};
    uint64_t height = 0;
};

/// Misbehaviour to report to the network.
struct Penalty {
    PeerId peer{};
    uint32_t points = 0;
    std::string reason;
};

/// A block with its commit, fetched and waiting to be applied in height order.
struct FetchedBlock {
    PeerId peer{};
    BlockResponseMsg msg;
    size_t bytes = 0;  ///< encoded size, for max_fetched_bytes
};

/// Block sync's bookkeeping, pure: no threads, network or clock reads. Inputs are the heights
/// peers claim (status), block responses, disconnects, the head and `now`; outputs are block
/// requests to send, fetched blocks ready to apply and peers to penalise. The caller checks and
/// applies the blocks (docs/p2p.md section 12). Not thread-safe.
class BlockSync {
public:
    using TimePoint = Clock::TimePoint;

    /// A block with a forged or wrong commit, or one that does not execute.
    static constexpr uint32_t kBadBlockPoints = 100;
    /// A block request that timed out: the peer claimed a height it did not serve (a lie that
    /// would keep this node syncing instead of voting), or it is too slow to sync from.
    static constexpr uint32_t kUnansweredRequestPoints = 5;
    /// Requests in flight per peer: 8 full blocks stay well under a peer's send queue, past
    /// which it would drop this node as slow along with every response queued.
    static constexpr size_t kMaxRequestsPerPeer = 8;

    explicit BlockSync(SyncOptions options) : m_options(options) {}

    /// A peer's status: the height of its committed head.
    void on_status(const PeerId& peer, uint64_t height) { m_peer_heights[peer] = height; }
    /// Forgets the peer's claim and its requests: they are asked of someone else at the next
    /// poll (a lost connection is not an unanswered request).
    void on_disconnected(const PeerId& peer);
    /// A block response; kept only if its height was asked of this peer and is not yet fetched.
    bool on_block(const PeerId& peer, BlockResponseMsg msg, size_t bytes);

    /// Times out overdue requests (lowering their peers' claims below the height asked, with a
    /// penalty) and returns the requests to send now for the window above `head`.
    std::vector<BlockRequest> poll(uint64_t head, TimePoint now);
    /// The fetched block at head + 1, removed; blocks at or below the head are dropped.
    std::optional<FetchedBlock> take_next(uint64_t head);
    /// Reports the peer that sent a fetched block that failed its checks.
    void reject(const FetchedBlock& block, std::string reason);
    /// The penalties collected since the last call.
    std::vector<Penalty> take_penalties();

    /// Whether a peer claims a height more than one block above `head`.
    bool catching_up(uint64_t head) const;
    uint64_t best_peer_height() const;
    /// Whether the block above `height` is fetched or asked for (more blocks are coming).
    bool more_coming(uint64_t height) const;
    size_t fetched_bytes() const { return m_fetched_bytes; }

private:
    struct Request {
        PeerId peer{};
        TimePoint deadline;
    };
    void forget_below(uint64_t head);
    void expire_requests(TimePoint now);

    SyncOptions m_options;
    std::map<PeerId, uint64_t> m_peer_heights;
    std::map<uint64_t, Request> m_requests;      // by height
    std::map<uint64_t, FetchedBlock> m_fetched;  // by height
    size_t m_fetched_bytes = 0;
    std::optional<std::pair<uint64_t, TimePoint>> m_one_behind;  // head, since when
    std::vector<Penalty> m_penalties;
};

}  // namespace azora::node
