#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora {

/// Canonical binary encoder: fixed-width little-endian integers, minimal unsigned LEB128
/// varints, length-prefixed byte strings. See docs/protocol.md.
class Writer {
public:
    void u8(uint8_t v) { m_out.push_back(v); }
    void u16(uint16_t v) { fixed(v, 2); }
    void u32(uint32_t v) { fixed(v, 4); }
    void u64(uint64_t v) { fixed(v, 8); }
    void boolean(bool v) { u8(v ? 1 : 0); }
    /// Minimal unsigned LEB128.
    void varint(uint64_t v);
    /// varint length, then the bytes.
    void bytes(ByteView b);
    void string(std::string_view s) { bytes(as_bytes(s)); }
    /// Raw bytes with no length prefix (fixed-size fields such as hashes and keys).
    void raw(ByteView b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    template <size_t N>
    void fixed_bytes(const std::array<uint8_t, N>& a) {
        raw(a);
    }

    const Bytes& data() const { return m_out; }
    Bytes take() { return std::move(m_out); }
    void reserve(size_t n) { m_out.reserve(n); }

private:
    void fixed(uint64_t v, int width) {
        for (int i = 0; i < width; ++i) {
            m_out.push_back(static_cast<uint8_t>(v >> (8 * i)));
        }
    }
    Bytes m_out;
};

/// Strict canonical decoder. Every method fails with reason "decode_error" on truncation,
/// non-minimal varints, lengths over the stated maximum or bad booleans.
class Reader {
public:
    explicit Reader(ByteView in) : m_in(in) {}

    Result<uint8_t> u8();
    Result<uint16_t> u16();
    Result<uint32_t> u32();
    Result<uint64_t> u64();
    Result<bool> boolean();
    Result<uint64_t> varint();
    /// A length-prefixed byte string of at most `max_len` bytes.
    Result<Bytes> bytes(size_t max_len);
    Result<std::string> string(size_t max_len);
    template <size_t N>
    Result<std::array<uint8_t, N>> fixed_bytes() {
        if (remaining() < N) {
            return truncated();
        }
        std::array<uint8_t, N> out{};
        std::copy(m_in.begin() + m_pos, m_in.begin() + m_pos + N, out.begin());
        m_pos += N;
        return out;
    }
    /// A list count (varint) of at most `max_count` entries, each at least `min_item_bytes`
    /// long; a count the remaining input cannot hold fails at once, so hostile input cannot
    /// make the caller reserve memory for entries that are not there.
    Result<size_t> count(size_t max_count, size_t min_item_bytes = 1);

    size_t remaining() const { return m_in.size() - m_pos; }
    size_t position() const { return m_pos; }
    /// Fails unless all input was consumed.
    Result<void> finish() const;

private:
    Result<uint64_t> fixed(int width);
    static Error truncated() { return Error::malformed("decode_error", "input truncated"); }

    ByteView m_in;
    size_t m_pos = 0;
};

/// Decodes a whole buffer with `decode_fn(Reader&) -> Result<T>` and rejects trailing bytes.
template <typename T, typename F>
Result<T> decode_all(ByteView in, F&& decode_fn) {
    Reader r(in);
    AZORA_ASSIGN(T value, decode_fn(r));
    AZORA_TRY(r.finish());
    return value;
}

}  // namespace azora
