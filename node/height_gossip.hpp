#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "core/hash.hpp"
#include "node/messages.hpp"
#include "node/peer_network.hpp"

namespace azora::node {

/// Bounds of HeightGossip, in messages and bytes, against a flood.
struct GossipOptions {
    size_t max_buffered_next_height = 4'096;  ///< messages held for the next height
    /// Bytes of the messages of the next height held (as the caller counts them).
    size_t max_next_height_bytes = 32u << 20;
    /// Bytes of this height's messages kept for peers that join late.
    size_t max_height_message_bytes = 64u << 20;
    /// Of those, what a peer that connects mid-height is sent, newest first: each connection
    /// gets a copy, so this, not the kept bytes, bounds what connections can make it queue.
    size_t max_replay_bytes = 8u << 20;
};

/// A proposal or vote of the next height, held until this node starts that height.
struct HeldMessage {
    PeerId peer{};
    MsgType type = MsgType::vote;
    Bytes raw;    ///< the payload as received
    Hash32 id{};  ///< H_azora/p2p-msg(raw)
};

/// The gossip of one height's proposals and votes (docs/p2p.md section 12): which messages were
/// already seen (each is relayed once), the messages kept for peers that connect mid-height,
/// and the messages of the next height held until it starts. It checks nothing: the caller
/// relays only messages it has checked. Not thread-safe (the driver thread owns it).
class HeightGossip {
public:
    /// `network` is null in dev mode: messages are then only marked seen.
    HeightGossip(GossipOptions options, PeerNetwork* network);

    /// The id of a message's payload, H_azora/p2p-msg(raw).
    static Hash32 message_id(ByteView raw);

    /// Starts a new height: forgets the seen set and the kept messages, and returns the held
    /// messages of the new height in arrival order for the caller to handle now.
    std::vector<HeldMessage> begin_height();

    bool seen(const Hash32& id) const { return m_seen.contains(id); }

    /// Marks a checked message seen, sends it to every peer except `from` and keeps it for
    /// late peers (at most 20,000 messages and max_height_message_bytes).
    void relay(MsgType type, const Hash32& id, Bytes raw, const std::optional<PeerId>& from);

    /// Holds a message of the next height that counts `bytes` towards max_next_height_bytes.
    /// Each message (by id) once; a peer at most a quarter of max_buffered_next_height, so that
    /// no peer can crowd out the next proposer's early proposal. False if it was not held.
    bool hold_next_height(HeldMessage msg, size_t bytes);

    /// Sends a peer that just connected this height's kept messages, newest first (the current
    /// round matters most), within max_replay_bytes.
    void replay_to(const PeerId& peer) const;

    size_t held_count() const { return m_next_height.size(); }

private:
    GossipOptions m_options;
    PeerNetwork* m_network;
    std::set<Hash32> m_seen;
    std::vector<std::pair<MsgType, Bytes>> m_height_messages;
    size_t m_height_message_bytes = 0;
    std::vector<HeldMessage> m_next_height;
    size_t m_next_height_bytes = 0;
    std::set<Hash32> m_next_height_ids;
    std::map<PeerId, size_t> m_next_height_per_peer;
};

}  // namespace azora::node
