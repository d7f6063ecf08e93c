#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace azora {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

/// A 32-byte digest (SHA-256 output, tree node hash, block or tx hash).
using Hash32 = std::array<uint8_t, 32>;

/// Lowercase hex of `data`, no prefix.
std::string to_hex(ByteView data);

/// Decodes hex (even length, either case, optional "0x" prefix); nullopt on any bad digit.
std::optional<Bytes> from_hex(std::string_view hex);

/// Decodes exactly N bytes of hex into a fixed array; nullopt on bad hex or wrong length.
template <size_t N>
std::optional<std::array<uint8_t, N>> fixed_from_hex(std::string_view hex) {
    auto bytes = from_hex(hex);
    if (!bytes || bytes->size() != N) {
        return std::nullopt;
    }
    std::array<uint8_t, N> out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

/// Orders byte strings lexicographically; transparent so maps keyed by Bytes can be searched
/// with a ByteView without copying.
struct BytesLess {
    using is_transparent = void;
    bool operator()(ByteView a, ByteView b) const {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
    }
};

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

inline std::string_view as_string_view(ByteView b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace azora
