#include "core/bech32.hpp"

#include <array>
#include <cassert>
#include <cstdint>

namespace azora::bech32 {

namespace {

constexpr uint32_t kBech32mConst = 0x2bc830a3;  // BIP-350; plain bech32 (1) is not accepted
constexpr size_t kMaxLength = 90;
constexpr size_t kChecksumLength = 6;
constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

Error bad(std::string message) {
    return Error::malformed("bad_address", std::move(message));
}

// Charset index of a lowercase data character, or -1.
int charset_index(char c) {
    static constexpr auto kRev = [] {
        std::array<int8_t, 128> rev{};
        rev.fill(-1);
        for (int i = 0; i < 32; ++i) {
            rev[static_cast<uint8_t>(kCharset[i])] = static_cast<int8_t>(i);
        }
        return rev;
    }();
    auto u = static_cast<uint8_t>(c);
    return u < 128 ? kRev[u] : -1;
}

char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

uint32_t polymod(uint32_t chk, uint8_t value) {
    static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                         0x2a1462b3};
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; ++i) {
        if ((top >> i) & 1) {
            chk ^= kGen[i];
        }
    }
    return chk;
}

// Checksum state after the expanded HRP (high bits, a zero, low bits); `hrp` is lowercase.
uint32_t hrp_polymod(std::string_view hrp) {
    uint32_t chk = 1;
    for (char c : hrp) {
        chk = polymod(chk, static_cast<uint8_t>(c) >> 5);
    }
    chk = polymod(chk, 0);
    for (char c : hrp) {
        chk = polymod(chk, static_cast<uint8_t>(c) & 31);
    }
    return chk;
}

}  // namespace

std::string encode(std::string_view hrp, ByteView data5) {
    std::string lower_hrp;
    lower_hrp.reserve(hrp.size());
    for (char c : hrp) {
        lower_hrp.push_back(to_lower(c));
    }
    std::string out = lower_hrp;
    out.reserve(hrp.size() + 1 + data5.size() + kChecksumLength);
    out.push_back('1');
    uint32_t chk = hrp_polymod(lower_hrp);
    for (uint8_t v : data5) {
        assert(v < 32);
        chk = polymod(chk, v);
        out.push_back(kCharset[v & 31]);
    }
    for (size_t i = 0; i < kChecksumLength; ++i) {
        chk = polymod(chk, 0);
    }
    chk ^= kBech32mConst;
    for (size_t i = 0; i < kChecksumLength; ++i) {
        out.push_back(kCharset[(chk >> (5 * (kChecksumLength - 1 - i))) & 31]);
    }
    return out;
}

Result<Decoded> decode(std::string_view text) {
    if (text.size() > kMaxLength) {
        return bad("longer than 90 characters");
    }
    bool has_lower = false;
    bool has_upper = false;
    for (char c : text) {
        auto u = static_cast<uint8_t>(c);
        if (u < 33 || u > 126) {
            return bad("character out of range");
        }
        has_lower |= (c >= 'a' && c <= 'z');
        has_upper |= (c >= 'A' && c <= 'Z');
    }
    if (has_lower && has_upper) {
        return bad("mixed case");
    }
    size_t sep = text.rfind('1');
    if (sep == std::string_view::npos) {
        return bad("no separator");
    }
    if (sep == 0) {
        return bad("empty human-readable part");
    }
    if (text.size() - sep - 1 < kChecksumLength) {
        return bad("checksum too short");
    }

    Decoded out;
    out.hrp.reserve(sep);
    for (char c : text.substr(0, sep)) {
        out.hrp.push_back(to_lower(c));
    }
    uint32_t chk = hrp_polymod(out.hrp);
    std::string_view data = text.substr(sep + 1);
    out.data.reserve(data.size() - kChecksumLength);
    for (char c : data) {
        int v = charset_index(to_lower(c));
        if (v < 0) {
            return bad("invalid data character");
        }
        chk = polymod(chk, static_cast<uint8_t>(v));
        out.data.push_back(static_cast<uint8_t>(v));
    }
    if (chk != kBech32mConst) {
        return bad("bad checksum");
    }
    out.data.resize(out.data.size() - kChecksumLength);
    return out;
}

Result<Bytes> convert_bits(ByteView in, int from_bits, int to_bits, bool pad) {
    assert(from_bits > 0 && from_bits <= 8 && to_bits > 0 && to_bits <= 8);
    const uint32_t max_out = (1u << to_bits) - 1;
    uint32_t acc = 0;
    int bits = 0;
    Bytes out;
    out.reserve(in.size() * static_cast<size_t>(from_bits) / static_cast<size_t>(to_bits) + 1);
    for (uint8_t v : in) {
        if ((v >> from_bits) != 0) {
            return bad("value out of range for bit width");
        }
        // Only the low to_bits + from_bits bits are ever needed, so masking avoids overflow.
        acc = ((acc << from_bits) | v) & ((1u << (from_bits + to_bits - 1)) - 1);
        bits += from_bits;
        while (bits >= to_bits) {
            bits -= to_bits;
            out.push_back(static_cast<uint8_t>((acc >> bits) & max_out));
        }
    }
    if (pad) {
        if (bits > 0) {
            out.push_back(static_cast<uint8_t>((acc << (to_bits - bits)) & max_out));
        }
    } else if (bits >= from_bits) {
        return bad("excess padding");
    } else if (((acc << (to_bits - bits)) & max_out) != 0) {
        return bad("non-zero padding");
    }
    return out;
}

}  // namespace azora::bech32
