#include "core/address.hpp"

#include <algorithm>

#include "core/bech32.hpp"
#include "core/hash.hpp"

namespace azora {

namespace {
Error bad(std::string message) {
    return Error::malformed("bad_address", std::move(message));
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    auto lower = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return lower(x) == lower(y); });
}
}  // namespace

Address Address::from_pubkey(const PubKey& pubkey) {
    Hash32 h = tagged_hash(tags::kAddr, pubkey);
    Address a;
    std::copy_n(h.begin(), a.bytes.size(), a.bytes.begin());
    return a;
}

std::string Address::to_string(std::string_view hrp) const {
    // 8->5 with padding cannot fail: every input byte is in range.
    auto data5 = bech32::convert_bits(bytes, 8, 5, true);
    return bech32::encode(hrp, data5.value());
}

Result<Address> Address::parse(std::string_view text, std::string_view expected_hrp) {
    AZORA_ASSIGN(bech32::Decoded decoded, bech32::decode(text));
    // decode() already rejected mixed case and lowercased the HRP.
    if (!equals_ignore_case(decoded.hrp, expected_hrp)) {
        return bad("expected human-readable part '" + std::string(expected_hrp) + "', got '" +
                   decoded.hrp + "'");
    }
    AZORA_ASSIGN(Bytes raw, bech32::convert_bits(decoded.data, 5, 8, false));
    Address a;
    if (raw.size() != a.bytes.size()) {
        return bad("payload is " + std::to_string(raw.size()) + " bytes, expected 20");
    }
    std::copy(raw.begin(), raw.end(), a.bytes.begin());
    return a;
}

}  // namespace azora
