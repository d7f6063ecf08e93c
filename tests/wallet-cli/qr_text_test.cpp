// Terminal rendering of credential QR codes.
#include "wallet-cli/qr_text.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace azora::wallet {
namespace {

const std::string kPayload =
    "azora:credential:azora-devnet-1:"
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

const std::string kFull = "\u2588";
const std::string kUpper = "\u2580";

/// The rendering split into lines, each line into its characters (one UTF-8 sequence each).
std::vector<std::vector<std::string>> cells(const std::string& text) {
    std::vector<std::vector<std::string>> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> row;
        for (size_t i = 0; i < line.size();) {
            const size_t n = (static_cast<unsigned char>(line[i]) & 0x80) == 0 ? 1 : 3;
            row.push_back(line.substr(i, n));
            i += n;
        }
        lines.push_back(row);
    }
    return lines;
}

TEST(QrText, SizeMatchesTheVersion) {
    auto qr = encode_qr(kPayload);
    ASSERT_TRUE(qr.ok());
    ASSERT_GE(qr->version, 1);
    EXPECT_EQ(qr->width, 17 + 4 * qr->version);
    const int size = qr->width + 2 * kQrQuietZone;
    const auto lines = cells(render_qr_text(*qr));
    ASSERT_EQ(lines.size(), static_cast<size_t>((size + 1) / 2));
    for (const auto& row : lines) {
        EXPECT_EQ(row.size(), static_cast<size_t>(size));
    }
}

TEST(QrText, QuietZoneIsLit) {
    auto qr = encode_qr(kPayload);
    ASSERT_TRUE(qr.ok());
    const auto lines = cells(render_qr_text(*qr));
    // Top two module rows are quiet zone: the first line is all full blocks.
    for (const auto& c : lines.front()) {
        EXPECT_EQ(c, kFull);
    }
    // The symbol's width is odd, so the last line holds the final quiet row on its top half.
    for (const auto& c : lines.back()) {
        EXPECT_EQ(c, kUpper);
    }
    // Left and right quiet columns are lit wherever a module row exists.
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        for (int k = 0; k < kQrQuietZone; ++k) {
            EXPECT_EQ(lines[i][k], kFull) << "line " << i;
            EXPECT_EQ(lines[i][lines[i].size() - 1 - k], kFull) << "line " << i;
        }
    }
    // The top-left finder pattern starts with a dark module right inside the quiet zone:
    // module row 2 is the symbol's first row, the top half of line 1.
    EXPECT_TRUE(qr->at(0, 0));
    EXPECT_NE(lines[1][kQrQuietZone], kFull);
}

TEST(QrText, DeterministicForAFixedPayload) {
    auto a = encode_qr(kPayload);
    auto b = encode_qr(kPayload);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->dark, b->dark);
    EXPECT_EQ(render_qr_text(*a), render_qr_text(*b));
    auto other = encode_qr(kPayload + "0");
    ASSERT_TRUE(other.ok());
    EXPECT_NE(render_qr_text(*a), render_qr_text(*other));
}

TEST(QrText, HalfBlocksPairModuleRows) {
    // A hand-made 1x1 symbol: one dark module inside a 2-module quiet zone, 5x5 in all.
    QrBitmap qr{1, 1, {true}};
    const std::string expected = kFull + kFull + kFull + kFull + kFull + "\n" +     //
                                 kFull + kFull + "\u2584" + kFull + kFull + "\n" +  //
                                 kUpper + kUpper + kUpper + kUpper + kUpper + "\n";
    EXPECT_EQ(render_qr_text(qr), expected);
}

}  // namespace
}  // namespace azora::wallet
