#pragma once

// Helpers shared by the genesis tests: the dev genesis as JSON, a reader over genesis state
// changes, addresses from seeds, and the check that a JSON edit is refused naming its field.

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/hash.hpp"
#include "genesis/dev.hpp"
#include "genesis/genesis.hpp"
#include "vm/state_key.hpp"
#include "vm/state_view.hpp"

namespace azora::genesis::test {

using nlohmann::json;

inline json dev_json() {
    return dev_genesis().to_json();
}

// A reader over a set of state changes (the genesis state on an empty base).
struct ChangesReader final : vm::StateReader {
    explicit ChangesReader(const ledger::StateChanges& c) : changes(c) {}
    Result<std::optional<Bytes>> get(ByteView key) const override {
        auto it = changes.find(key);
        if (it == changes.end()) {
            return std::optional<Bytes>{};
        }
        return it->second;
    }
    Result<void> scan(ByteView prefix,
                      ByteView start,
                      const vm::ScanVisitor& visit) const override {
        for (auto it = changes.lower_bound(BytesLess{}(start, prefix) ? prefix : start);
             it != changes.end() && vm::key_has_prefix(it->first, prefix); ++it) {
            if (it->second && !visit(it->first, *it->second)) {
                break;
            }
        }
        return {};
    }
    const ledger::StateChanges& changes;
};

inline std::string address_of(const std::string& seed, std::string_view hrp = kTestnetHrp) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes(seed)));
    EXPECT_TRUE(k.ok());
    return Address::from_pubkey(k->public_key()).to_string(hrp);
}

// Applies `edit` to the dev genesis JSON and expects from_json to fail naming `field`.
inline void expect_error(const std::function<void(json&)>& edit, const std::string& field) {
    json j = dev_json();
    edit(j);
    auto g = Genesis::from_json(j);
    ASSERT_FALSE(g.ok()) << "expected an error for " << field << "\n" << j.dump(2);
    EXPECT_EQ(g.error().reason, "bad_genesis");
    EXPECT_EQ(g.error().kind, ErrorKind::malformed);
    EXPECT_TRUE(g.error().message.starts_with(field + ":"))
        << "message '" << g.error().message << "' should start with '" << field << ":'";
}

}  // namespace azora::genesis::test
