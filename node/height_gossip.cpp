#include "node/height_gossip.hpp"

#include <algorithm>

namespace azora::node {

namespace {

constexpr std::string_view kMessageIdTag = "azora/p2p-msg";
constexpr size_t kMaxHeightMessages = 20'000;  // kept for peers that connect mid-height

}  // namespace

HeightGossip::HeightGossip(GossipOptions options, PeerNetwork* network)
    : m_options(options), m_network(network) {}

Hash32 HeightGossip::message_id(ByteView raw) {
    return tagged_hash(kMessageIdTag, raw);
}

std::vector<HeldMessage> HeightGossip::begin_height() {
    m_seen.clear();
    m_height_messages.clear();
    m_height_message_bytes = 0;
    auto held = std::move(m_next_height);
    m_next_height.clear();
    m_next_height_bytes = 0;
    m_next_height_ids.clear();
    m_next_height_per_peer.clear();
    return held;
}

void HeightGossip::relay(MsgType type,
                         const Hash32& id,
                         Bytes raw,
                         const std::optional<PeerId>& from) {
    m_seen.insert(id);
    if (m_network == nullptr) {
        return;
    }
    m_network->broadcast(type, raw, from);
    if (m_height_messages.size() < kMaxHeightMessages &&
        m_height_message_bytes + raw.size() <= m_options.max_height_message_bytes) {
        m_height_message_bytes += raw.size();
        m_height_messages.emplace_back(type, std::move(raw));
    }
}

bool HeightGossip::hold_next_height(HeldMessage msg, size_t bytes) {
    if (m_next_height_ids.contains(msg.id)) {
        return false;
    }
    const size_t per_peer = std::max<size_t>(m_options.max_buffered_next_height / 4, 1);
    size_t& from_peer = m_next_height_per_peer[msg.peer];
    if (from_peer >= per_peer || m_next_height.size() >= m_options.max_buffered_next_height ||
        m_next_height_bytes + bytes > m_options.max_next_height_bytes) {
        return false;
    }
    ++from_peer;
    m_next_height_ids.insert(msg.id);
    m_next_height_bytes += bytes;
    m_next_height.push_back(std::move(msg));
    return true;
}

void HeightGossip::replay_to(const PeerId& peer) const {
    if (m_network == nullptr) {
        return;
    }
    size_t sent = 0;
    for (auto it = m_height_messages.rbegin(); it != m_height_messages.rend(); ++it) {
        const auto& [type, raw] = *it;
        if (sent + raw.size() > m_options.max_replay_bytes) {
            continue;
        }
        sent += raw.size();
        m_network->send(peer, type, raw);
    }
}

}  // namespace azora::node
