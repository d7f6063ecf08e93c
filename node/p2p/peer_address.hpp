#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "node/p2p/peer_types.hpp"

namespace azora::p2p {

/// Where to dial a peer, optionally with the node id it must prove.
struct PeerAddress {
    std::optional<NodeId> id;
    std::string host;  ///< name or IP literal (IPv6 without brackets)
    uint16_t port = 0;

    /// "host:port" ("[v6]:port"), the key of this address in the address book.
    std::string endpoint() const;
    /// "NODEID@host:port" or "host:port".
    std::string to_string() const;
};

/// Parses "NODEID@host:port" or "host:port" ("[::1]:port" for IPv6); "bad_address" otherwise
/// (bad hex, port 0 or out of range, empty host).
Result<PeerAddress> parse_peer_address(const std::string& text);

}  // namespace azora::p2p
