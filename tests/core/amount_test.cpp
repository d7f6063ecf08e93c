#include "core/amount.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace azora {
namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

TEST(Amount, CheckedAddAtEdges) {
    EXPECT_EQ(checked_add(0, 0), 0u);
    EXPECT_EQ(checked_add(kMax, 0), kMax);
    EXPECT_EQ(checked_add(kMax - 1, 1), kMax);
    EXPECT_EQ(checked_add(kMax, 1), std::nullopt);
    EXPECT_EQ(checked_add(kMax, kMax), std::nullopt);
}

TEST(Amount, CheckedSubAtEdges) {
    EXPECT_EQ(checked_sub(0, 0), 0u);
    EXPECT_EQ(checked_sub(kMax, kMax), 0u);
    EXPECT_EQ(checked_sub(kMax, 1), kMax - 1);
    EXPECT_EQ(checked_sub(0, 1), std::nullopt);
    EXPECT_EQ(checked_sub(kMax - 1, kMax), std::nullopt);
}

TEST(Amount, CheckedMulAtEdges) {
    EXPECT_EQ(checked_mul(kMax, 0), 0u);
    EXPECT_EQ(checked_mul(0, kMax), 0u);
    EXPECT_EQ(checked_mul(kMax, 1), kMax);
    EXPECT_EQ(checked_mul(kMax, 2), std::nullopt);
    EXPECT_EQ(checked_mul(uint64_t{1} << 32, uint64_t{1} << 32), std::nullopt);
    EXPECT_EQ(checked_mul(uint64_t{1} << 32, (uint64_t{1} << 32) - 1),
              kMax - ((uint64_t{1} << 32) - 1));
}

TEST(Amount, ParseAzrAccepts) {
    EXPECT_EQ(parse_azr("12.5").value(), 12'500'000u);
    EXPECT_EQ(parse_azr("0.000001").value(), 1u);
    EXPECT_EQ(parse_azr("3").value(), 3'000'000u);
    EXPECT_EQ(parse_azr("0").value(), 0u);
    EXPECT_EQ(parse_azr("0.0").value(), 0u);
    EXPECT_EQ(parse_azr("0.5").value(), 500'000u);
    EXPECT_EQ(parse_azr("1.500000").value(), 1'500'000u);
    EXPECT_EQ(parse_azr("18446744073709.551615").value(), kMax);
}

TEST(Amount, ParseAzrRejects) {
    for (const char* text : {"",
                             ".",
                             "1.",
                             ".5",
                             "-1",
                             "+1",
                             "1e3",
                             " 1",
                             "1 ",
                             "1.0000001",
                             "18446744073709.551616",
                             "18446744073709551616",
                             "99999999999999999999999",
                             "1,5",
                             "1..5",
                             "1.5.0",
                             "01",
                             "00.5",
                             "0x10",
                             "1.-5",
                             "1.+5"}) {
        auto r = parse_azr(text);
        ASSERT_FALSE(r.ok()) << '"' << text << '"';
        EXPECT_EQ(r.error().reason, "invalid_amount");
    }
}

TEST(Amount, FormatAzr) {
    EXPECT_EQ(format_azr(0), "0");
    EXPECT_EQ(format_azr(1), "0.000001");
    EXPECT_EQ(format_azr(12'500'000), "12.5");
    EXPECT_EQ(format_azr(3'000'000), "3");
    EXPECT_EQ(format_azr(1'010'000), "1.01");
    EXPECT_EQ(format_azr(100'000'000), "100");
    EXPECT_EQ(format_azr(kMax), "18446744073709.551615");
}

TEST(Amount, FormatParseRoundTrip) {
    for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{999'999}, uint64_t{1'000'000},
                       uint64_t{1'000'001}, uint64_t{123'456'789}, kMax - 1, kMax}) {
        auto parsed = parse_azr(format_azr(v));
        ASSERT_TRUE(parsed.ok()) << v;
        EXPECT_EQ(*parsed, v);
    }
}

TEST(Amount, ParseBaseUnits) {
    EXPECT_EQ(parse_base_units("0").value(), 0u);
    EXPECT_EQ(parse_base_units("1").value(), 1u);
    EXPECT_EQ(parse_base_units("18446744073709551615").value(), kMax);
    for (const char* text : {"", "00", "01", "-1", "+1", "1.0", "1e3", " 1", "1 ", "0x1",
                             "18446744073709551616", "100000000000000000000"}) {
        auto r = parse_base_units(text);
        ASSERT_FALSE(r.ok()) << '"' << text << '"';
        EXPECT_EQ(r.error().reason, "invalid_amount");
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
    }
}

}  // namespace
}  // namespace azora
