// Golden vectors for genesis (docs/protocol.md section 17), computed independently by
// tests/vectors/generate.py: genesis.json holds the dev genesis and a mainnet-style sample as
// Genesis::to_json prints them, their hash, validator set, initial state and state root, the
// dev keys, JSON variants that parse to the same genesis, and JSON that must be refused.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "genesis/dev.hpp"
#include "genesis/genesis.hpp"
#include "genesis/initial_state.hpp"
#include "ledger/chain_store.hpp"
#include "ledger/kv_store.hpp"

namespace azora::genesis {
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

// Checks everything genesis.json expects of `g`.
void expect_case(const Genesis& g, const json& want) {
    EXPECT_EQ(g.to_json().dump(), want.at("json_text").get<std::string>());
    EXPECT_EQ(g.hrp(), want.at("hrp").get<std::string>());
    EXPECT_EQ(std::to_string(g.genesis_time_ms), want.at("genesis_time_ms").get<std::string>());
    EXPECT_EQ(to_hex(g.hash()), want.at("hash").get<std::string>());

    auto set = g.validator_set();
    ASSERT_TRUE(set.ok()) << set.error().to_string();
    EXPECT_EQ(to_hex(set->hash()), want.at("validators_hash").get<std::string>());
    EXPECT_EQ(std::to_string(set->quorum_power()), want.at("quorum_power").get<std::string>());

    auto changes = initial_state(g);
    ASSERT_TRUE(changes.ok()) << changes.error().to_string();
    json state = json::array();
    for (const auto& [key, value] : *changes) {
        if (value) {  // deletions of absent keys (zero balances) leave no trace
            state.push_back({{"key", to_hex(key)}, {"value", to_hex(*value)}});
        }
    }
    EXPECT_EQ(state, want.at("initial_state"));

    auto store = ledger::make_memory_store();
    ledger::ChainStore chain(*store);
    auto prepared = chain.prepare_state(0, *changes);
    ASSERT_TRUE(prepared.ok()) << prepared.error().to_string();
    EXPECT_EQ(to_hex(prepared->state_root), want.at("state_root").get<std::string>());
}

TEST(GenesisVectors, Cases) {
    const json j = load("genesis.json");
    ASSERT_FALSE(j.value("cases", json::array()).empty());
    for (const auto& c : j.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto g = Genesis::from_json(c.at("json"));
        ASSERT_TRUE(g.ok()) << g.error().to_string();
        EXPECT_EQ(g->to_json(), c.at("json"));
        expect_case(*g, c.at("expected"));
    }
}

TEST(GenesisVectors, EmbeddedDevGenesis) {
    const json j = load("genesis.json");
    const json* dev = nullptr;
    for (const auto& c : j.at("cases")) {
        if (c.at("name") == "dev") {
            dev = &c;
        }
    }
    ASSERT_NE(dev, nullptr);
    const Genesis g = dev_genesis();
    EXPECT_EQ(g.to_json(), dev->at("json"));
    expect_case(g, dev->at("expected"));
}

TEST(GenesisVectors, DevKeys) {
    const json j = load("genesis.json");
    const auto accounts = dev_accounts();
    ASSERT_EQ(accounts.size(), j.at("dev_accounts").size());
    for (size_t i = 0; i < accounts.size(); ++i) {
        const json& want = j.at("dev_accounts").at(i);
        EXPECT_EQ(accounts[i].name, want.at("name").get<std::string>());
        EXPECT_EQ(to_hex(accounts[i].key.secret()), want.at("secret_key").get<std::string>());
        EXPECT_EQ(to_hex(accounts[i].key.public_key()), want.at("pubkey").get<std::string>());
        EXPECT_EQ(Address::from_pubkey(accounts[i].key.public_key()).to_string(kTestnetHrp),
                  want.at("address").get<std::string>());
    }
    const json& v = j.at("dev_validator");
    const PrivateKey key = dev_validator_key();
    EXPECT_EQ(to_hex(key.secret()), v.at("secret_key").get<std::string>());
    EXPECT_EQ(to_hex(key.public_key()), v.at("pubkey").get<std::string>());
    EXPECT_EQ(Address::from_pubkey(key.public_key()).to_string(kTestnetHrp),
              v.at("address").get<std::string>());
}

TEST(GenesisVectors, AcceptedVariants) {
    const json j = load("genesis.json");
    ASSERT_FALSE(j.value("accepted", json::array()).empty());
    for (const auto& c : j.at("accepted")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto g = Genesis::from_json(c.at("json"));
        ASSERT_TRUE(g.ok()) << g.error().to_string();
        EXPECT_EQ(to_hex(g->hash()), c.at("hash").get<std::string>());
    }
}

TEST(GenesisVectors, Rejected) {
    const json j = load("genesis.json");
    ASSERT_FALSE(j.value("rejected", json::array()).empty());
    for (const auto& c : j.at("rejected")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto g = Genesis::from_json(c.at("json"));
        ASSERT_FALSE(g.ok());
        EXPECT_EQ(g.error().reason, c.at("reason").get<std::string>());
        const std::string prefix = c.at("field").get<std::string>() + ": ";
        EXPECT_EQ(g.error().message.substr(0, prefix.size()), prefix) << g.error().message;
    }
}

}  // namespace
}  // namespace azora::genesis
