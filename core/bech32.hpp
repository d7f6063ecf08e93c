#pragma once

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora::bech32 {

/// A decoded bech32m string: the human-readable part (lowercase) and 5-bit data words.
struct Decoded {
    std::string hrp;
    Bytes data;  ///< 5-bit values, checksum removed
};

/// Encodes `hrp` and 5-bit `data` as bech32m (BIP-350), lowercase.
std::string encode(std::string_view hrp, ByteView data5);

/// Decodes a bech32m string; fails with reason "bad_address" (and a message saying what is
/// wrong) on mixed case, bad characters, bad length, missing separator or bad checksum.
Result<Decoded> decode(std::string_view text);

/// Regroups bits, e.g. 8->5 with padding for encoding, 5->8 without padding for decoding.
Result<Bytes> convert_bits(ByteView in, int from_bits, int to_bits, bool pad);

}  // namespace azora::bech32
