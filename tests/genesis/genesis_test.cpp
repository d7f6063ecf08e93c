#include "genesis/genesis.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/hash.hpp"
#include "core/utc_time.hpp"
#include "genesis/dev.hpp"
#include "genesis/initial_state.hpp"
#include "genesis_test_util.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/governance/state.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::genesis {
namespace {

using nlohmann::json;
using namespace azora::genesis::test;

// The dev genesis hash, pinned: changing the dev genesis or its canonical encoding changes
// every dev chain's identity and must be deliberate.
constexpr std::string_view kDevGenesisHash =
    "33c532f1cb737002a2d7d5c5e9bd0ca646d610fee0a49fc4e9368b36efaf269e";

TEST(Genesis, DevGenesisRoundTripsThroughJson) {
    const Genesis g = dev_genesis();
    const json j = g.to_json();
    auto back = Genesis::from_json(j);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(back->hash(), g.hash());
    EXPECT_EQ(back->to_json(), j);
    EXPECT_EQ(back->chain_id, g.chain_id);
    EXPECT_EQ(back->genesis_time_ms, g.genesis_time_ms);
    EXPECT_EQ(back->params.chain_id, g.chain_id);
    EXPECT_EQ(back->params.min_gas_price, g.params.min_gas_price);
    EXPECT_EQ(back->params.max_tx_gas, g.params.max_tx_gas);
    EXPECT_EQ(back->params.gas.actions, g.params.gas.actions);
    ASSERT_EQ(back->accounts.size(), g.accounts.size());
    for (size_t i = 0; i < g.accounts.size(); ++i) {
        EXPECT_EQ(back->accounts[i].address, g.accounts[i].address);
        EXPECT_EQ(back->accounts[i].balance, g.accounts[i].balance);
    }
    ASSERT_EQ(back->validators.size(), 1u);
    EXPECT_EQ(back->validators[0].pubkey, g.validators[0].pubkey);
    EXPECT_EQ(back->validators[0].power, g.validators[0].power);
    EXPECT_EQ(back->validators[0].name, g.validators[0].name);
}

TEST(Genesis, RoundTripsThroughTextAndFile) {
    const Genesis g = dev_genesis();
    const auto path = std::filesystem::temp_directory_path() /
                      ("azora-genesis-test-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream out(path);
        out << g.to_json().dump(4);
    }
    auto loaded = Genesis::load(path);
    std::filesystem::remove(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
    EXPECT_EQ(loaded->hash(), g.hash());

    auto missing = Genesis::load(path);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().reason, "bad_genesis");
}

TEST(Genesis, LoadRejectsInvalidJson) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("azora-genesis-bad-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream out(path);
        out << "{\"chain_id\": ";
    }
    auto loaded = Genesis::load(path);
    std::filesystem::remove(path);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().reason, "bad_genesis");
}

TEST(Genesis, HashIsDeterministicAndPinned) {
    const Hash32 a = dev_genesis().hash();
    const Hash32 b = dev_genesis().hash();
    EXPECT_EQ(a, b);
    EXPECT_EQ(to_hex(a), kDevGenesisHash);
}

TEST(Genesis, HashIgnoresJsonFormattingButCoversContent) {
    const Hash32 base = dev_genesis().hash();
    // Formatting and key order do not matter.
    auto reparsed = Genesis::from_json(json::parse(dev_json().dump(2)));
    ASSERT_TRUE(reparsed.ok());
    EXPECT_EQ(reparsed->hash(), base);

    auto changed = [&](const std::function<void(Genesis&)>& edit) {
        Genesis g = dev_genesis();
        edit(g);
        return g.hash();
    };
    EXPECT_NE(changed([](Genesis& g) { g.chain_id = "azora-dev-2"; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.genesis_time_ms += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.min_gas_price += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.max_tx_gas += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.gas.tx_base += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.gas.per_payload_byte += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.gas.per_state_write += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.gas.default_action += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.params.gas.actions["token.transfer"] += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.accounts[0].balance -= 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { std::swap(g.accounts[0], g.accounts[1]); }), base);
    EXPECT_NE(changed([](Genesis& g) { g.accounts.pop_back(); }), base);
    EXPECT_NE(changed([](Genesis& g) { g.validators[0].power += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.validators[0].name = "other"; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.validators[0].pubkey[0] ^= 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.council.reset(); }), base);
    EXPECT_NE(changed([](Genesis& g) { g.council->threshold = 2; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.council->proposal_ttl_blocks += 1; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.council->members.push_back(g.accounts[2].address); }),
              base);
    EXPECT_NE(changed([](Genesis& g) { g.issuers.clear(); }), base);
    EXPECT_NE(changed([](Genesis& g) { g.issuers[0].name += "!"; }), base);
    EXPECT_NE(changed([](Genesis& g) { g.issuers[0].url.clear(); }), base);
    EXPECT_NE(changed([](Genesis& g) { g.issuers[0].address = g.accounts[3].address; }), base);
    // An empty council list is not the same as no council: the presence byte differs.
    Genesis a = dev_genesis();
    a.council.reset();
    a.issuers.clear();
    Genesis b = a;
    b.issuers.push_back({a.accounts[0].address, "x", ""});
    EXPECT_NE(a.hash(), b.hash());
}

TEST(Genesis, DevGenesisShape) {
    const Genesis g = dev_genesis();
    EXPECT_EQ(g.chain_id, kDevChainId);
    EXPECT_EQ(g.hrp(), kTestnetHrp);
    EXPECT_EQ(format_utc_time(g.genesis_time_ms), "2026-01-01T00:00:00.000Z");
    ASSERT_EQ(g.accounts.size(), kDevAccountCount);
    const auto accounts = dev_accounts();
    for (size_t i = 0; i < kDevAccountCount; ++i) {
        EXPECT_EQ(g.accounts[i].address, Address::from_pubkey(accounts[i].key.public_key()));
        EXPECT_EQ(g.accounts[i].balance, kDevAccountBalance);
    }
    ASSERT_EQ(g.validators.size(), 1u);
    EXPECT_EQ(g.validators[0].pubkey, dev_validator_key().public_key());
    EXPECT_EQ(g.validators[0].power, 10u);
    auto set = g.validator_set();
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->total_power(), 10u);
    EXPECT_EQ(set->index_of(dev_validator_key().public_key()), std::optional<uint32_t>(0));
    // dev0 is a 1-of-1 council; dev1 the one issuer.
    ASSERT_TRUE(g.council.has_value());
    EXPECT_EQ(g.council->members, std::vector<Address>{g.accounts[0].address});
    EXPECT_EQ(g.council->threshold, 1u);
    EXPECT_EQ(g.council->proposal_ttl_blocks, kDevProposalTtlBlocks);
    ASSERT_EQ(g.issuers.size(), 1u);
    EXPECT_EQ(g.issuers[0].address, g.accounts[1].address);
    EXPECT_EQ(g.issuers[0].name, "Azora Dev Academy");
}

TEST(Genesis, HrpFollowsChainId) {
    Genesis g = dev_genesis();
    EXPECT_EQ(g.hrp(), "tazr");
    g.chain_id = "azora-mainnet-1";
    EXPECT_EQ(g.hrp(), "azr");
    g.chain_id = "azora-testnet-3";
    EXPECT_EQ(g.hrp(), "tazr");
    g.chain_id = "azora-mainframe";
    EXPECT_EQ(g.hrp(), "tazr");
}

TEST(Genesis, MainnetAddressesUseMainHrp) {
    json j = dev_json();
    j["chain_id"] = "azora-mainnet-1";
    auto g = Genesis::from_json(j);
    ASSERT_FALSE(g.ok());  // the dev addresses are tazr...
    EXPECT_TRUE(g.error().message.starts_with("accounts[0].address:")) << g.error().message;
    auto to_mainnet = [](json& text) {
        auto addr = Address::parse(text.get<std::string>(), kTestnetHrp);
        ASSERT_TRUE(addr.ok());
        text = addr->to_string(kMainnetHrp);
    };
    for (auto& a : j["accounts"]) {
        to_mainnet(a["address"]);
    }
    g = Genesis::from_json(j);
    ASSERT_FALSE(g.ok());  // the council and issuer addresses too
    EXPECT_TRUE(g.error().message.starts_with("council.members[0]:")) << g.error().message;
    to_mainnet(j["council"]["members"][0]);
    g = Genesis::from_json(j);
    ASSERT_FALSE(g.ok());
    EXPECT_TRUE(g.error().message.starts_with("issuers[0].address:")) << g.error().message;
    to_mainnet(j["issuers"][0]["address"]);
    g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    EXPECT_EQ(g->accounts[0].address, dev_genesis().accounts[0].address);
}

TEST(Genesis, ErrorRootNotAnObject) {
    for (const json& j : {json::array(), json("x"), json(5), json(nullptr)}) {
        auto g = Genesis::from_json(j);
        ASSERT_FALSE(g.ok());
        EXPECT_EQ(g.error().reason, "bad_genesis");
        EXPECT_TRUE(g.error().message.starts_with("(root):")) << g.error().message;
    }
}

TEST(Genesis, ErrorMissingChainId) {
    expect_error([](json& j) { j.erase("chain_id"); }, "chain_id");
}

TEST(Genesis, ErrorBadChainId) {
    expect_error([](json& j) { j["chain_id"] = "azora dev"; }, "chain_id");
    expect_error([](json& j) { j["chain_id"] = "azora/dev"; }, "chain_id");
    expect_error([](json& j) { j["chain_id"] = "azora-dév"; }, "chain_id");
    expect_error([](json& j) { j["chain_id"] = ""; }, "chain_id");
    expect_error([](json& j) { j["chain_id"] = std::string(65, 'a'); }, "chain_id");
    expect_error([](json& j) { j["chain_id"] = 7; }, "chain_id");
}

TEST(Genesis, LongestChainIdIsAccepted) {
    json j = dev_json();
    j["chain_id"] = std::string(64, 'a');
    auto g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    EXPECT_EQ(g->params.chain_id, std::string(64, 'a'));
}

TEST(Genesis, ErrorBadGenesisTime) {
    expect_error([](json& j) { j.erase("genesis_time"); }, "genesis_time");
    expect_error([](json& j) { j["genesis_time"] = "2026-01-01"; }, "genesis_time");
    expect_error([](json& j) { j["genesis_time"] = "2026-01-01T00:00:00"; }, "genesis_time");
    expect_error([](json& j) { j["genesis_time"] = "2026-02-29T00:00:00Z"; }, "genesis_time");
    expect_error([](json& j) { j["genesis_time"] = 1767225600000; }, "genesis_time");
}

TEST(Genesis, ErrorMissingParams) {
    expect_error([](json& j) { j.erase("params"); }, "params");
    expect_error([](json& j) { j["params"].erase("min_gas_price"); }, "params.min_gas_price");
    expect_error([](json& j) { j["params"]["max_tx_gas"] = "-1"; }, "params.max_tx_gas");
    expect_error([](json& j) { j["params"]["gas"].erase("tx_base"); }, "params.gas.tx_base");
    expect_error([](json& j) { j["params"]["gas"]["actions"] = json::array(); },
                 "params.gas.actions");
    expect_error([](json& j) { j["params"]["gas"]["actions"]["token.transfer"] = "x"; },
                 "params.gas.actions.token.transfer");
}

TEST(Genesis, ErrorAccountAddressBad) {
    expect_error([](json& j) { j["accounts"][1]["address"] = "tazr1notanaddress"; },
                 "accounts[1].address");
    expect_error(
        [](json& j) {
            std::string a = j["accounts"][1]["address"];
            a.back() = a.back() == 'q' ? 'p' : 'q';  // breaks the checksum
            j["accounts"][1]["address"] = a;
        },
        "accounts[1].address");
    expect_error([](json& j) { j["accounts"][1].erase("address"); }, "accounts[1].address");
    expect_error([](json& j) { j["accounts"][1]["address"] = 12; }, "accounts[1].address");
}

TEST(Genesis, ErrorAccountAddressDuplicate) {
    expect_error([](json& j) { j["accounts"][1]["address"] = j["accounts"][0]["address"]; },
                 "accounts[1].address");
}

TEST(Genesis, ErrorAccountAddressWrongHrp) {
    expect_error([](json& j) { j["accounts"][1]["address"] = address_of("someone", kMainnetHrp); },
                 "accounts[1].address");
}

TEST(Genesis, ErrorAccountBalanceNotDecimalString) {
    for (const json& bad :
         {json("12a"), json("-5"), json("1.5"), json(""), json(" 1"), json("18446744073709551616"),
          json(-5), json(1.5), json(nullptr), json::array(), json(true)}) {
        expect_error([&](json& j) { j["accounts"][0]["balance"] = bad; }, "accounts[0].balance");
    }
    expect_error([](json& j) { j["accounts"][0].erase("balance"); }, "accounts[0].balance");
}

TEST(Genesis, ErrorSupplyOverflow) {
    expect_error(
        [](json& j) {
            j["accounts"][0]["balance"] = std::to_string(UINT64_MAX);
            j["accounts"][1]["balance"] = "1";
        },
        "accounts[1].balance");
}

TEST(Genesis, MaxSupplyIsAccepted) {
    json j = dev_json();
    j["accounts"] =
        json::array({{{"address", address_of("a")}, {"balance", "1"}},
                     {{"address", address_of("b")}, {"balance", std::to_string(UINT64_MAX - 1)}}});
    auto g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    auto state = initial_state(*g);
    ASSERT_TRUE(state.ok());
    ChangesReader reader(*state);
    EXPECT_EQ(*vm::token::supply(reader), UINT64_MAX);
}

TEST(Genesis, ErrorAccountsNotArray) {
    expect_error([](json& j) { j["accounts"] = json::object(); }, "accounts");
    expect_error([](json& j) { j.erase("accounts"); }, "accounts");
}

TEST(Genesis, ErrorEmptyValidators) {
    expect_error([](json& j) { j["validators"] = json::array(); }, "validators");
    expect_error([](json& j) { j.erase("validators"); }, "validators");
    expect_error([](json& j) { j["validators"] = json::object(); }, "validators");
}

TEST(Genesis, ErrorValidatorPubkeyBadHex) {
    expect_error([](json& j) { j["validators"][0]["pubkey"] = "zz"; }, "validators[0].pubkey");
    expect_error([](json& j) { j["validators"][0]["pubkey"] = std::string(62, 'a'); },
                 "validators[0].pubkey");
    expect_error([](json& j) { j["validators"][0]["pubkey"] = std::string(66, 'a'); },
                 "validators[0].pubkey");
    expect_error([](json& j) { j["validators"][0]["pubkey"] = std::string(63, 'a') + "g"; },
                 "validators[0].pubkey");
    expect_error([](json& j) { j["validators"][0].erase("pubkey"); }, "validators[0].pubkey");
}

TEST(Genesis, ErrorValidatorPubkeyNotOnCurve) {
    expect_error([](json& j) { j["validators"][0]["pubkey"] = std::string(64, 'f'); },
                 "validators[0].pubkey");
    expect_error([](json& j) { j["validators"][0]["pubkey"] = std::string(64, '0'); },
                 "validators[0].pubkey");
}

TEST(Genesis, ErrorValidatorZeroPower) {
    expect_error([](json& j) { j["validators"][0]["power"] = "0"; }, "validators[0].power");
    expect_error([](json& j) { j["validators"][0]["power"] = "x"; }, "validators[0].power");
}

TEST(Genesis, ErrorValidatorZeroPowerNamesTheEntry) {
    expect_error(
        [](json& j) {
            j["validators"].push_back(j["validators"][0]);
            j["validators"][1]["pubkey"] = to_hex(dev_accounts()[0].key.public_key());
            j["validators"][1]["power"] = "0";
        },
        "validators[1].power");
    expect_error([](json& j) { j["validators"].push_back(j["validators"][0]); },
                 "validators[1].pubkey");
}

TEST(Genesis, ErrorDuplicateValidatorKey) {
    expect_error([](json& j) { j["validators"].push_back(j["validators"][0]); },
                 "validators[1].pubkey");
}

TEST(Genesis, ErrorWrongJsonTypes) {
    expect_error([](json& j) { j["chain_id"] = json::array({"azora-dev-1"}); }, "chain_id");
    expect_error([](json& j) { j["genesis_time"] = true; }, "genesis_time");
    expect_error([](json& j) { j["params"]["gas"]["tx_base"] = json::object(); },
                 "params.gas.tx_base");
    expect_error([](json& j) { j["accounts"][0]["balance"] = json::object(); },
                 "accounts[0].balance");
    expect_error([](json& j) { j["validators"][0]["name"] = 3; }, "validators[0].name");
    expect_error([](json& j) { j["validators"][0]["power"] = 1.5; }, "validators[0].power");
    expect_error([](json& j) { j["validators"][0]["power"] = -1; }, "validators[0].power");
    expect_error([](json& j) { j["accounts"][1] = "not an object"; }, "accounts[1].address");
    expect_error([](json& j) { j["validators"] = "dev-validator"; }, "validators");
}

TEST(Genesis, InitialStateSetsBalancesAndSupply) {
    const Genesis g = dev_genesis();
    auto changes = initial_state(g);
    ASSERT_TRUE(changes.ok()) << changes.error().to_string();
    ChangesReader reader(*changes);
    uint64_t sum = 0;
    for (const auto& a : g.accounts) {
        auto bal = vm::token::balance(reader, a.address);
        ASSERT_TRUE(bal.ok());
        EXPECT_EQ(*bal, a.balance);
        EXPECT_EQ(*vm::accounts::get_nonce(reader, a.address), 0u);
        sum += a.balance;
    }
    EXPECT_EQ(*vm::token::supply(reader), sum);
    EXPECT_EQ(sum, kDevAccountCount * kDevAccountBalance);
    // The council record and one record per issuer, active since height 0.
    auto council = vm::governance::load_council(reader);
    ASSERT_TRUE(council.ok());
    EXPECT_EQ(*council, g.council);
    auto issuer = vm::credential::load_issuer(reader, g.accounts[1].address);
    ASSERT_TRUE(issuer.ok());
    ASSERT_TRUE(issuer->has_value());
    EXPECT_EQ(**issuer, (vm::credential::Issuer{g.accounts[1].address,
                                                std::string(kDevIssuerName),
                                                std::string(kDevIssuerUrl),
                                                vm::credential::IssuerStatus::active,
                                                {{vm::credential::IssuerStatus::active, 0}}}));
    // Nothing else: balances, the supply, the council, the issuer.
    EXPECT_EQ(changes->size(), g.accounts.size() + 3);
}

TEST(Genesis, InitialStateWithCustomAccounts) {
    json j = dev_json();
    j["accounts"] = json::array({{{"address", address_of("a")}, {"balance", "7"}},
                                 {{"address", address_of("b")}, {"balance", "0"}},
                                 {{"address", address_of("c")}, {"balance", "35"}}});
    auto g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    auto changes = initial_state(*g);
    ASSERT_TRUE(changes.ok());
    ChangesReader reader(*changes);
    EXPECT_EQ(*vm::token::balance(reader, g->accounts[0].address), 7u);
    EXPECT_EQ(*vm::token::balance(reader, g->accounts[1].address), 0u);
    EXPECT_EQ(*vm::token::balance(reader, g->accounts[2].address), 35u);
    EXPECT_EQ(*vm::token::supply(reader), 42u);
    // A zero balance is not stored (absent means zero).
    auto zero = changes->find(vm::token::balance_key(g->accounts[1].address));
    EXPECT_TRUE(zero == changes->end() || !zero->second.has_value());
}

TEST(Genesis, NoAccountsMeansZeroSupply) {
    json j = dev_json();
    j["accounts"] = json::array();
    auto g = Genesis::from_json(j);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    auto changes = initial_state(*g);
    ASSERT_TRUE(changes.ok());
    ChangesReader reader(*changes);
    EXPECT_EQ(*vm::token::supply(reader), 0u);
}

}  // namespace
}  // namespace azora::genesis
