#include "node/p2p/frame.hpp"

#include "core/reasons.hpp"

namespace azora::p2p {

Bytes encode_frame(uint8_t type, ByteView payload) {
    const uint64_t length = uint64_t{payload.size()} + 1;
    Bytes out;
    out.reserve(kFrameLengthBytes + length);
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<uint8_t>(length >> shift));
    }
    out.push_back(type);
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Result<uint32_t> decode_frame_length(std::span<const uint8_t, kFrameLengthBytes> prefix,
                                     uint32_t max_frame_bytes) {
    uint32_t length = 0;
    for (uint8_t b : prefix) {
        length = (length << 8) | b;
    }
    if (length == 0) {
        return Error::from(reasons::kEmptyFrame, "frame without a type byte");
    }
    if (length > max_frame_bytes) {
        return Error::from(reasons::kOversizeFrame,
                           std::to_string(length) + " bytes > " + std::to_string(max_frame_bytes));
    }
    return length;
}

}  // namespace azora::p2p
