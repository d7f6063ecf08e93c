#include "core/utc_time.hpp"

#include <cstdio>

namespace azora {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool digits(std::string_view s, size_t pos, size_t n, unsigned& out) {
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') {
            return false;
        }
        out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
}

}  // namespace

Result<uint64_t> parse_utc_time(std::string_view s) {
    unsigned y, mo, d, h, mi, se, ms = 0;
    bool ok = s.size() >= 20 && digits(s, 0, 4, y) && s[4] == '-' && digits(s, 5, 2, mo) &&
              s[7] == '-' && digits(s, 8, 2, d) && s[10] == 'T' && digits(s, 11, 2, h) &&
              s[13] == ':' && digits(s, 14, 2, mi) && s[16] == ':' && digits(s, 17, 2, se);
    size_t pos = 19;
    if (ok && s.size() > pos && s[pos] == '.') {
        ok = digits(s, pos + 1, 3, ms);
        pos += 4;
    }
    ok = ok && s.size() == pos + 1 && s[pos] == 'Z';
    static constexpr unsigned kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!ok || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > kDaysIn[mo - 1] || h > 23 || mi > 59 ||
        se > 59) {
        return Error::malformed("bad_time", "expected YYYY-MM-DDTHH:MM:SS[.mmm]Z");
    }
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap) {
        return Error::malformed("bad_time", "February 29 in a common year");
    }
    const int64_t days = days_from_civil(y, mo, d);
    return static_cast<uint64_t>(days) * 86'400'000 + h * 3'600'000ULL + mi * 60'000ULL +
           se * 1000ULL + ms;
}

std::string format_utc_time(uint64_t ms) {
    // civil_from_days, the inverse of days_from_civil.
    int64_t z = static_cast<int64_t>(ms / 86'400'000) + 719468;
    const int64_t era = z / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
    const uint64_t rem = ms % 86'400'000;
    char buf[40];
    std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                  static_cast<long long>(y), m, d, static_cast<unsigned>(rem / 3'600'000),
                  static_cast<unsigned>(rem / 60'000 % 60), static_cast<unsigned>(rem / 1000 % 60),
                  static_cast<unsigned>(rem % 1000));
    return buf;
}

}  // namespace azora
