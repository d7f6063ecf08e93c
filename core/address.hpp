#pragma once

#include <array>
#include <compare>
#include <string>
#include <string_view>

#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora {

/// Human-readable parts of address text.
inline constexpr std::string_view kMainnetHrp = "azr";
inline constexpr std::string_view kTestnetHrp = "tazr";

/// An account address: the first 20 bytes of H_azora/addr(xonly pubkey).
struct Address {
    std::array<uint8_t, 20> bytes{};

    static Address from_pubkey(const PubKey& pubkey);
    /// bech32m text with the given HRP.
    std::string to_string(std::string_view hrp = kTestnetHrp) const;
    /// Parses bech32m text; fails with "bad_address" on any defect or an HRP other than
    /// `expected_hrp`.
    static Result<Address> parse(std::string_view text,
                                 std::string_view expected_hrp = kTestnetHrp);

    auto operator<=>(const Address&) const = default;
    bool operator==(const Address&) const = default;
};

}  // namespace azora
