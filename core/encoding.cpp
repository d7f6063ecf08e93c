#include "core/encoding.hpp"

namespace azora {

void Writer::varint(uint64_t v) {
    while (v >= 0x80) {
        m_out.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    m_out.push_back(static_cast<uint8_t>(v));
}

void Writer::bytes(ByteView b) {
    varint(b.size());
    raw(b);
}

Result<uint64_t> Reader::fixed(int width) {
    if (remaining() < static_cast<size_t>(width)) {
        return truncated();
    }
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) {
        v |= static_cast<uint64_t>(m_in[m_pos + i]) << (8 * i);
    }
    m_pos += width;
    return v;
}

Result<uint8_t> Reader::u8() {
    AZORA_ASSIGN(uint64_t v, fixed(1));
    return static_cast<uint8_t>(v);
}
Result<uint16_t> Reader::u16() {
    AZORA_ASSIGN(uint64_t v, fixed(2));
    return static_cast<uint16_t>(v);
}
Result<uint32_t> Reader::u32() {
    AZORA_ASSIGN(uint64_t v, fixed(4));
    return static_cast<uint32_t>(v);
}
Result<uint64_t> Reader::u64() {
    return fixed(8);
}

Result<bool> Reader::boolean() {
    AZORA_ASSIGN(uint8_t v, u8());
    if (v > 1) {
        return Error::malformed("decode_error", "boolean byte is not 0 or 1");
    }
    return v == 1;
}

Result<uint64_t> Reader::varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (remaining() == 0) {
            return truncated();
        }
        uint8_t b = m_in[m_pos++];
        uint64_t part = b & 0x7f;
        if (shift == 63 && part > 1) {
            return Error::malformed("decode_error", "varint overflows 64 bits");
        }
        v |= part << shift;
        if ((b & 0x80) == 0) {
            // A final zero byte after the first is a non-minimal encoding.
            if (b == 0 && shift > 0) {
                return Error::malformed("decode_error", "non-minimal varint");
            }
            return v;
        }
    }
    return Error::malformed("decode_error", "varint too long");
}

Result<size_t> Reader::count(size_t max_count, size_t min_item_bytes) {
    AZORA_ASSIGN(uint64_t n, varint());
    if (n > max_count) {
        return Error::malformed("decode_error", "list longer than " + std::to_string(max_count));
    }
    if (n * min_item_bytes > remaining()) {
        return truncated();
    }
    return static_cast<size_t>(n);
}

Result<Bytes> Reader::bytes(size_t max_len) {
    AZORA_ASSIGN(uint64_t n, varint());
    if (n > max_len) {
        return Error::malformed("decode_error", "field longer than " + std::to_string(max_len));
    }
    if (remaining() < n) {
        return truncated();
    }
    Bytes out(m_in.begin() + m_pos, m_in.begin() + m_pos + n);
    m_pos += n;
    return out;
}

Result<std::string> Reader::string(size_t max_len) {
    AZORA_ASSIGN(Bytes b, bytes(max_len));
    return std::string(b.begin(), b.end());
}

Result<void> Reader::finish() const {
    if (remaining() != 0) {
        return Error::malformed("decode_error", "trailing bytes");
    }
    return {};
}

}  // namespace azora
