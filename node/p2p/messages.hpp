#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"
#include "node/p2p/peer_address.hpp"
#include "node/p2p/peer_types.hpp"

namespace azora::p2p {

/// TLS exporter label whose 32-byte output each hello signature covers (docs/p2p.md).
inline constexpr std::string_view kHelloExporterLabel = "EXPORTER-azora-p2p-hello";
/// Tag of the hello digest.
inline constexpr std::string_view kHelloTag = "azora/p2p-hello";
inline constexpr size_t kMaxChainIdBytes = 64;
inline constexpr size_t kMaxPeersPerMessage = 64;
inline constexpr size_t kMaxHostBytes = 255;

/// Type 0x01, the first frame each side sends on a TLS session.
struct Hello {
    uint32_t protocol_version = 0;
    std::string chain_id;
    Hash32 genesis_hash{};
    NodeId node_id{};
    uint16_t listen_port = 0;  ///< 0: not listening
    Signature signature{};
};

Bytes encode_hello(const Hello& hello);
/// Strict decode; "decode_error" (malformed) on any deviation.
Result<Hello> decode_hello(ByteView payload);
/// tagged_hash("azora/p2p-hello", exporter || the hello encoding without its signature).
Hash32 hello_digest(const Hello& hello, const Hash32& exporter);
/// Fills node_id and signature from `key` for the session whose exporter output is `exporter`.
void sign_hello(Hello& hello, const PrivateKey& key, const Hash32& exporter);
/// True if the signature is node_id's over hello_digest(hello, exporter).
bool verify_hello(const Hello& hello, const Hash32& exporter);

/// Ping (0x02) and pong (0x03): a u64 nonce the pong echoes.
Bytes encode_ping(uint64_t nonce);
Result<uint64_t> decode_ping(ByteView payload);

/// get_peers (0x04) has an empty payload.
Result<void> decode_get_peers(ByteView payload);

/// Peers (0x05): at most kMaxPeersPerMessage addresses, each with its node id.
Bytes encode_peers(const std::vector<PeerAddress>& peers);
/// Fails "decode_error" on bad bounds, a missing id, an empty host or port 0.
Result<std::vector<PeerAddress>> decode_peers(ByteView payload);

}  // namespace azora::p2p
