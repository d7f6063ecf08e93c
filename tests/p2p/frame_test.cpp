#include "node/p2p/frame.hpp"

#include <gtest/gtest.h>

#include <array>

namespace azora::p2p {
namespace {

TEST(Frame, EncodesBigEndianLengthOfTypeAndPayload) {
    const Bytes payload{0xaa, 0xbb, 0xcc};
    EXPECT_EQ(to_hex(encode_frame(0x10, payload)), "0000000410aabbcc");
    EXPECT_EQ(to_hex(encode_frame(msg::kGetPeers, {})), "0000000104");
}

TEST(Frame, LengthIsCheckedBeforeAnyBody) {
    const std::array<uint8_t, 4> ok{0x00, 0x00, 0x01, 0x00};
    auto length = decode_frame_length(ok, 256);
    ASSERT_TRUE(length.ok());
    EXPECT_EQ(*length, 256u);

    auto over = decode_frame_length(ok, 255);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().reason, "oversize_frame");
    EXPECT_EQ(over.error().kind, ErrorKind::malformed);

    const std::array<uint8_t, 4> huge{0xff, 0xff, 0xff, 0xff};
    EXPECT_EQ(decode_frame_length(huge, 4u << 20).error().reason, "oversize_frame");

    const std::array<uint8_t, 4> zero{0, 0, 0, 0};
    EXPECT_EQ(decode_frame_length(zero, 4u << 20).error().reason, "empty_frame");
}

TEST(Frame, DefaultLimitAcceptsExactlyFourMiB) {
    const uint32_t limit = 4u << 20;
    const std::array<uint8_t, 4> at{0x00, 0x40, 0x00, 0x00};
    const std::array<uint8_t, 4> above{0x00, 0x40, 0x00, 0x01};
    EXPECT_TRUE(decode_frame_length(at, limit).ok());
    EXPECT_FALSE(decode_frame_length(above, limit).ok());
}

}  // namespace
}  // namespace azora::p2p
