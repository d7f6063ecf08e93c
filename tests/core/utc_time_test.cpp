#include "core/utc_time.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace azora {
namespace {

uint64_t parse_ok(std::string_view text) {
    auto t = parse_utc_time(text);
    EXPECT_TRUE(t.ok()) << text;
    return t.ok() ? *t : 0;
}

void expect_bad_time(std::string_view text) {
    auto t = parse_utc_time(text);
    EXPECT_FALSE(t.ok()) << text << " parsed as " << (t.ok() ? *t : 0);
    if (!t.ok()) {
        EXPECT_EQ(t.error().reason, "bad_time");
    }
}

TEST(UtcTime, KnownValues) {
    EXPECT_EQ(parse_ok("1970-01-01T00:00:00Z"), 0u);
    EXPECT_EQ(parse_ok("1970-01-01T00:00:00.001Z"), 1u);
    EXPECT_EQ(parse_ok("1970-01-02T00:00:00Z"), 86'400'000u);
    EXPECT_EQ(parse_ok("2000-01-01T00:00:00Z"), 946'684'800'000u);
    EXPECT_EQ(parse_ok("2026-01-01T00:00:00Z"), 1'767'225'600'000u);
    EXPECT_EQ(parse_ok("2026-01-01T00:00:00.000Z"), 1'767'225'600'000u);
    EXPECT_EQ(parse_ok("2038-01-19T03:14:07Z"), 2'147'483'647'000u);
    EXPECT_EQ(parse_ok("2024-02-29T23:59:59.999Z"), 1'709'251'199'999u);
    EXPECT_EQ(parse_ok("9999-12-31T23:59:59.999Z"), 253'402'300'799'999u);
}

TEST(UtcTime, FormatKnownValues) {
    EXPECT_EQ(format_utc_time(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_utc_time(1'767'225'600'000), "2026-01-01T00:00:00.000Z");
    EXPECT_EQ(format_utc_time(1'709'251'199'999), "2024-02-29T23:59:59.999Z");
    EXPECT_EQ(format_utc_time(951'782'400'000), "2000-02-29T00:00:00.000Z");
}

TEST(UtcTime, RoundTrip) {
    for (std::string_view text :
         {"1970-01-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z",
          "2024-02-29T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2100-03-01T01:02:03.004Z",
          "2400-02-29T23:59:59.000Z"}) {
        EXPECT_EQ(format_utc_time(parse_ok(text)), text);
    }
    // Every day across several leap cycles, at a time with all fields non-zero.
    const uint64_t start = parse_ok("1996-01-01T01:02:03.004Z");
    for (uint64_t day = 0; day < 366 * 12; ++day) {
        const uint64_t ms = start + day * 86'400'000;
        const std::string text = format_utc_time(ms);
        auto back = parse_utc_time(text);
        ASSERT_TRUE(back.ok()) << text;
        ASSERT_EQ(*back, ms) << text;
    }
}

TEST(UtcTime, LeapYears) {
    parse_ok("2024-02-29T00:00:00Z");
    parse_ok("2000-02-29T00:00:00Z");  // divisible by 400
    parse_ok("2400-02-29T00:00:00Z");
    expect_bad_time("2026-02-29T00:00:00Z");
    expect_bad_time("2100-02-29T00:00:00Z");  // divisible by 100, not 400
    expect_bad_time("1900-02-29T00:00:00Z");
    expect_bad_time("2024-02-30T00:00:00Z");
    EXPECT_EQ(parse_ok("2024-03-01T00:00:00Z") - parse_ok("2024-02-28T00:00:00Z"), 2 * 86'400'000u);
    EXPECT_EQ(parse_ok("2026-03-01T00:00:00Z") - parse_ok("2026-02-28T00:00:00Z"), 86'400'000u);
}

TEST(UtcTime, RejectsBadDatesAndTimes) {
    expect_bad_time("2026-02-29T00:00:00Z");
    expect_bad_time("2026-01-01T24:00:00Z");
    expect_bad_time("2026-01-01T23:60:00Z");
    expect_bad_time("2026-01-01T23:59:60Z");
    expect_bad_time("2026-00-01T00:00:00Z");
    expect_bad_time("2026-13-01T00:00:00Z");
    expect_bad_time("2026-01-00T00:00:00Z");
    expect_bad_time("2026-01-32T00:00:00Z");
    expect_bad_time("2026-04-31T00:00:00Z");
    expect_bad_time("1969-12-31T23:59:59Z");
}

TEST(UtcTime, RejectsBadSyntax) {
    expect_bad_time("2026-01-01T00:00:00");   // missing Z
    expect_bad_time("2026-01-01T00:00:00z");  // lowercase z
    expect_bad_time("2026-01-01T00:00:00+00:00");
    expect_bad_time("2026-01-01 00:00:00Z");
    expect_bad_time("2026-01-01T00:00:00.5Z");
    expect_bad_time("2026-01-01T00:00:00.1234Z");
    expect_bad_time("2026-01-01T00:00:00.Z");
    expect_bad_time("2026-01-01T00:00:00ZZ");
    expect_bad_time("2026-1-01T00:00:00Z");
    expect_bad_time("26-01-01T00:00:00Z");
    expect_bad_time("2026-01-01T0a:00:00Z");
    expect_bad_time("2026-01-01");
    expect_bad_time("");
    expect_bad_time(" 2026-01-01T00:00:00Z");
    expect_bad_time("+026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace azora
