#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "node/messages.hpp"

namespace azora::node {

/// A peer is named by its node public key (docs/p2p.md).
using PeerId = PubKey;

/// What consensus, sync and gossip need from the P2P layer. The node implements it over the
/// P2P host; tests connect several drivers in memory. Thread-safe.
class PeerNetwork {
public:
    virtual ~PeerNetwork() = default;
    virtual void send(const PeerId& peer, MsgType type, Bytes payload) = 0;
    virtual void broadcast(MsgType type, Bytes payload, const std::optional<PeerId>& except) = 0;
    /// Misbehaviour: adds `points` to the peer's score (banned at the threshold).
    virtual void report(const PeerId& peer, uint32_t points, std::string reason) = 0;
};

}  // namespace azora::node
