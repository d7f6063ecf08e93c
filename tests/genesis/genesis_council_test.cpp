// Genesis council and initial issuers: optional, validated field by field, written to the
// initial state.
#include <gtest/gtest.h>

#include "genesis/genesis.hpp"
#include "genesis/initial_state.hpp"
#include "genesis_test_util.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::genesis {
namespace {

using namespace azora::genesis::test;

TEST(Genesis, CouncilAndIssuersAreOptional) {
    json j = dev_json();
    j.erase("council");
    j.erase("issuers");
    auto g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    EXPECT_FALSE(g->council.has_value());
    EXPECT_TRUE(g->issuers.empty());
    EXPECT_FALSE(g->to_json().contains("council"));
    EXPECT_FALSE(g->to_json().contains("issuers"));
    auto changes = initial_state(*g);
    ASSERT_TRUE(changes.ok());
    ChangesReader reader(*changes);
    EXPECT_FALSE(vm::governance::load_council(reader)->has_value());

    // An issuer without "url" has an empty one.
    j = dev_json();
    j["issuers"][0].erase("url");
    g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    EXPECT_EQ(g->issuers[0].url, "");
}

TEST(Genesis, ErrorCouncil) {
    expect_error([](json& j) { j["council"] = json::array(); }, "council");
    expect_error([](json& j) { j["council"].erase("members"); }, "council.members");
    expect_error([](json& j) { j["council"]["members"] = json::array(); }, "council.members");
    expect_error([](json& j) { j["council"]["members"] = "x"; }, "council.members");
    expect_error(
        [](json& j) {
            j["council"]["members"] = json::array();
            for (int i = 0; i < 65; ++i) {
                j["council"]["members"].push_back(address_of("m" + std::to_string(i)));
            }
        },
        "council.members");
    expect_error([](json& j) { j["council"]["members"][0] = "tazr1nope"; }, "council.members[0]");
    expect_error([](json& j) { j["council"]["members"][0] = 5; }, "council.members[0]");
    expect_error([](json& j) { j["council"]["members"].push_back(j["council"]["members"][0]); },
                 "council.members[1]");
    expect_error([](json& j) { j["council"]["threshold"] = "0"; }, "council.threshold");
    expect_error([](json& j) { j["council"]["threshold"] = "2"; }, "council.threshold");
    expect_error([](json& j) { j["council"].erase("threshold"); }, "council.threshold");
    expect_error([](json& j) { j["council"]["proposal_ttl_blocks"] = "0"; },
                 "council.proposal_ttl_blocks");
    expect_error([](json& j) { j["council"]["proposal_ttl_blocks"] = "-1"; },
                 "council.proposal_ttl_blocks");
}

TEST(Genesis, ErrorIssuers) {
    expect_error([](json& j) { j["issuers"] = json::object(); }, "issuers");
    expect_error([](json& j) { j["issuers"][0].erase("address"); }, "issuers[0].address");
    expect_error([](json& j) { j["issuers"][0]["address"] = "x"; }, "issuers[0].address");
    expect_error([](json& j) { j["issuers"].push_back(j["issuers"][0]); }, "issuers[1].address");
    expect_error([](json& j) { j["issuers"][0].erase("name"); }, "issuers[0].name");
    expect_error([](json& j) { j["issuers"][0]["name"] = ""; }, "issuers[0].name");
    expect_error([](json& j) { j["issuers"][0]["name"] = std::string(129, 'n'); },
                 "issuers[0].name");
    expect_error([](json& j) { j["issuers"][0]["url"] = std::string(257, 'u'); }, "issuers[0].url");
    expect_error([](json& j) { j["issuers"][0]["url"] = 3; }, "issuers[0].url");
    expect_error([](json& j) { j["issuers"][0] = "x"; }, "issuers[0].address");
}

TEST(Genesis, LongestIssuerFieldsAndLargestCouncilAreAccepted) {
    json j = dev_json();
    j["issuers"][0]["name"] = std::string(128, 'n');
    j["issuers"][0]["url"] = std::string(256, 'u');
    j["council"]["members"] = json::array();
    for (int i = 0; i < 64; ++i) {
        j["council"]["members"].push_back(address_of("m" + std::to_string(i)));
    }
    j["council"]["threshold"] = "64";
    auto g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    EXPECT_EQ(g->council->members.size(), 64u);
    ASSERT_TRUE(initial_state(*g).ok());
}

}  // namespace
}  // namespace azora::genesis
