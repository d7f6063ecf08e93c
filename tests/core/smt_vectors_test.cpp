// verify_cases of tests/vectors/state_tree.json (computed by tests/vectors/generate.py from
// docs/protocol.md section 14): Proof::decode, then smt::verify_proof against each case's
// root. The tree-building cases of that file are checked by tests/ledger/state_tree_test.cpp.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bytes.hpp"
#include "core/smt.hpp"

namespace azora::smt {
namespace {

using nlohmann::json;

json load(const std::string& name) {
    std::ifstream in(std::string(AZORA_TEST_VECTORS) + "/" + name);
    if (!in) {
        ADD_FAILURE() << "cannot open " << name;
        return json::object();
    }
    return json::parse(in);
}

Hash32 hash_of(const json& j) {
    auto h = fixed_from_hex<32>(j.get<std::string>());
    EXPECT_TRUE(h.has_value()) << j;
    return h.value_or(Hash32{});
}

TEST(SmtVectors, VerifyCases) {
    const json j = load("state_tree.json");
    ASSERT_FALSE(j.value("verify_cases", json::array()).empty());
    for (const auto& c : j.at("verify_cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto raw = from_hex(c.at("proof").get<std::string>());
        ASSERT_TRUE(raw.has_value());
        const Hash32 root = hash_of(c.at("root"));
        const Hash32 key_hash = hash_of(c.at("key_hash"));
        auto proof = Proof::decode(*raw);
        if (c.contains("error") && c.at("error") == "decode_error") {
            ASSERT_FALSE(proof.ok());
            EXPECT_EQ(proof.error().reason, "decode_error");
            continue;
        }
        ASSERT_TRUE(proof.ok()) << proof.error().to_string();
        EXPECT_EQ(proof->encode(), *raw);
        auto got = verify_proof(root, key_hash, *proof);
        if (c.contains("error")) {
            ASSERT_FALSE(got.ok());
            EXPECT_EQ(got.error().reason, c.at("error").get<std::string>());
            continue;
        }
        ASSERT_TRUE(got.ok()) << got.error().to_string();
        if (c.at("present").get<bool>()) {
            ASSERT_TRUE(got->has_value());
            EXPECT_EQ(to_hex(**got), c.at("value_hash").get<std::string>());
        } else {
            EXPECT_FALSE(got->has_value());
        }
    }
}

}  // namespace
}  // namespace azora::smt
