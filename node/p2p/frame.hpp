#pragma once

#include <cstdint>
#include <span>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora::p2p {

/// Frame types reserved by the transport; types >= kFirstAppType go to the Handler, other
/// unknown types below it are misbehaviour.
namespace msg {
inline constexpr uint8_t kHello = 0x01;
inline constexpr uint8_t kPing = 0x02;
inline constexpr uint8_t kPong = 0x03;
inline constexpr uint8_t kGetPeers = 0x04;
inline constexpr uint8_t kPeers = 0x05;
inline constexpr uint8_t kFirstAppType = 0x10;
}  // namespace msg

/// Bytes of the length prefix.
inline constexpr size_t kFrameLengthBytes = 4;
/// Frame limit before the hello is accepted (a hello frame is at most 200 bytes).
inline constexpr uint32_t kMaxHelloFrameBytes = 1024;

/// A frame: u32 big-endian length of (type || payload), u8 type, payload. The caller keeps
/// payload.size() + 1 within the peer's frame limit.
Bytes encode_frame(uint8_t type, ByteView payload);

/// Decodes a length prefix before any body is read: "empty_frame" for 0, "oversize_frame" above
/// `max_frame_bytes` (both malformed).
Result<uint32_t> decode_frame_length(std::span<const uint8_t, kFrameLengthBytes> prefix,
                                     uint32_t max_frame_bytes);

}  // namespace azora::p2p
