#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace azora {

/// Base units per AZR: AZR has 6 decimals, 1 AZR = 1,000,000 uazr.
inline constexpr uint64_t kUazrPerAzr = 1'000'000;
inline constexpr int kAzrDecimals = 6;

/// Checked u64 arithmetic: nullopt on overflow or underflow, never a wrap.
std::optional<uint64_t> checked_add(uint64_t a, uint64_t b);
std::optional<uint64_t> checked_sub(uint64_t a, uint64_t b);
std::optional<uint64_t> checked_mul(uint64_t a, uint64_t b);

/// Parses decimal AZR ("12.5", "0.000001", "3") into base units. Fails with "bad_amount" on
/// signs, exponents, more than 6 decimals, empty parts or overflow.
Result<uint64_t> parse_azr(std::string_view text);

/// Formats base units as decimal AZR with trailing zeros trimmed ("12.5", "0.000001", "3").
std::string format_azr(uint64_t uazr);

/// Parses a JSON amount: a decimal string of base units, digits only, no leading zeros
/// (except "0"), within u64. Fails with "bad_amount".
Result<uint64_t> parse_base_units(std::string_view text);

}  // namespace azora
