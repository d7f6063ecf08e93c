#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace azora {

/// Parses "YYYY-MM-DDTHH:MM:SS[.mmm]Z" into ms since the Unix epoch (deterministic, UTC only,
/// no time zone database). Years before 1970 and impossible dates are "bad_time" (malformed).
Result<uint64_t> parse_utc_time(std::string_view text);
/// Formats ms since the Unix epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ"; the inverse of parse_utc_time.
std::string format_utc_time(uint64_t ms);

}  // namespace azora
