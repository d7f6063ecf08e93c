#include "genesis/dev.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/hash.hpp"

namespace azora::genesis {
namespace {

TEST(DevGenesis, AccountKeysFollowTheDocumentedSeeds) {
    const auto accounts = dev_accounts();
    ASSERT_EQ(accounts.size(), kDevAccountCount);
    for (size_t i = 0; i < accounts.size(); ++i) {
        EXPECT_EQ(accounts[i].name, "dev" + std::to_string(i));
        EXPECT_EQ(accounts[i].key.secret(),
                  sha256(as_bytes("azora/dev-account/" + std::to_string(i))));
    }
    EXPECT_EQ(dev_validator_key().secret(), sha256(as_bytes("azora/dev-validator/0")));
}

TEST(DevGenesis, KeysAreValidAndDistinct) {
    std::set<PubKey> pubkeys;
    std::set<Address> addresses;
    std::vector<PrivateKey> keys;
    for (const auto& a : dev_accounts()) {
        keys.push_back(a.key);
    }
    keys.push_back(dev_validator_key());
    const Hash32 msg = sha256(as_bytes("dev key check"));
    for (const auto& k : keys) {
        // Valid: the secret reloads, and the key signs verifiably.
        auto reloaded = PrivateKey::from_bytes(k.secret());
        ASSERT_TRUE(reloaded.ok());
        EXPECT_EQ(reloaded->public_key(), k.public_key());
        EXPECT_TRUE(verify_signature(k.public_key(), msg, k.sign(msg)));
        pubkeys.insert(k.public_key());
        addresses.insert(Address::from_pubkey(k.public_key()));
    }
    EXPECT_EQ(pubkeys.size(), kDevAccountCount + 1);
    EXPECT_EQ(addresses.size(), kDevAccountCount + 1);
}

TEST(DevGenesis, IsDeterministic) {
    const auto a = dev_accounts();
    const auto b = dev_accounts();
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].key.public_key(), b[i].key.public_key());
    }
    EXPECT_EQ(dev_genesis().to_json(), dev_genesis().to_json());
}

TEST(DevGenesis, ValidatorIsNotAFundedAccount) {
    const Genesis g = dev_genesis();
    const Address validator = Address::from_pubkey(dev_validator_key().public_key());
    for (const auto& a : g.accounts) {
        EXPECT_NE(a.address, validator);
    }
}

TEST(DevGenesis, ParamsAreUsable) {
    const Genesis g = dev_genesis();
    EXPECT_EQ(g.params.chain_id, g.chain_id);
    EXPECT_GE(g.params.min_gas_price, 1u);
    EXPECT_GT(g.params.max_tx_gas, 0u);
    EXPECT_EQ(g.params.gas.actions.at("token.transfer"), 1000u);
    EXPECT_EQ(g.params.gas.actions.at("token.multi_transfer"), 2000u);
    // A dev account can pay for many maximal transactions.
    EXPECT_GT(kDevAccountBalance / (g.params.max_tx_gas * g.params.min_gas_price), 1000u);
}

}  // namespace
}  // namespace azora::genesis
