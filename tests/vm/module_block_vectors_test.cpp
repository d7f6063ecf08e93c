// The scripted block of credential and governance transactions in credential.json
// ("dev_block", written by tests/vectors/module_scenario.py from docs/protocol.md alone),
// executed here on the dev genesis state: every receipt (status, error, gas, events) and the
// module state left behind (every key under modules 2 and 6) must match byte for byte.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "genesis/dev.hpp"
#include "genesis/initial_state.hpp"
#include "ledger/tx.hpp"
#include "tests/support/test_state.hpp"
#include "vm/executor.hpp"
#include "vm/registry.hpp"

namespace azora::test {
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

json events_json(const std::vector<ledger::Event>& events) {
    json out = json::array();
    for (const auto& e : events) {
        json attrs = json::array();
        for (const auto& [k, v] : e.attributes) {
            attrs.push_back({k, v});
        }
        out.push_back({{"module", e.module}, {"type", e.type}, {"attributes", attrs}});
    }
    return out;
}

json module_state(const vm::StateReader& state) {
    json out = json::array();
    for (uint8_t module : {uint8_t{vm::kCredentialModule}, uint8_t{vm::kGovernanceModule}}) {
        const Bytes prefix{module};
        auto r = state.scan(prefix, {}, [&](ByteView k, ByteView v) {
            out.push_back({{"key", to_hex(k)}, {"value", to_hex(v)}});
            return true;
        });
        EXPECT_TRUE(r.ok());
    }
    return out;
}

TEST(ModuleBlockVectors, DevGenesisBlock) {
    const json v = load("credential.json").at("dev_block");
    const genesis::Genesis g = genesis::dev_genesis();
    auto initial = genesis::initial_state(g);
    ASSERT_TRUE(initial.ok()) << initial.error().to_string();
    MemoryState base;
    base.commit(*initial);

    const vm::Executor executor(vm::ModuleRegistry::standard(), g.params);
    const vm::BlockContext block{g.chain_id, std::stoull(v.at("height").get<std::string>()),
                                 std::stoull(v.at("time_ms").get<std::string>()),
                                 Address::from_pubkey(genesis::dev_validator_key().public_key())};
    vm::StateView view(base);
    ASSERT_GE(v.at("steps").size(), 8u);
    size_t i = 0;
    for (const auto& step : v.at("steps")) {
        SCOPED_TRACE("step " + std::to_string(i++));
        auto raw = from_hex(step.at("tx").get<std::string>());
        ASSERT_TRUE(raw.has_value());
        auto tx = ledger::Tx::decode(*raw);
        ASSERT_TRUE(tx.ok()) << tx.error().to_string();
        ASSERT_TRUE(tx->verify_signature());
        EXPECT_EQ(to_hex(tx->hash()), step.at("tx_hash"));
        auto receipt =
            executor.apply(view, block, *tx, tx->hash(), Address::from_pubkey(tx->sender));
        ASSERT_TRUE(receipt.ok()) << receipt.error().to_string();
        const json& want = step.at("receipt");
        EXPECT_EQ(static_cast<int>(receipt->status), want.at("status").get<int>());
        EXPECT_EQ(receipt->error, want.at("error").get<std::string>());
        EXPECT_EQ(std::to_string(receipt->gas_used), want.at("gas_used").get<std::string>());
        EXPECT_EQ(events_json(receipt->events), want.at("events"));
    }
    EXPECT_EQ(module_state(view), v.at("state"));
}

}  // namespace
}  // namespace azora::test
