#include "genesis/testnet.hpp"

#include <gtest/gtest.h>

#include "genesis/dev.hpp"

namespace azora::genesis {
namespace {

std::vector<GenesisValidator> validators(size_t n) {
    std::vector<GenesisValidator> out;
    for (size_t i = 0; i < n; ++i) {
        out.push_back({"node" + std::to_string(i), PrivateKey::generate().public_key(),
                       kLocalnetValidatorPower});
    }
    return out;
}

TEST(LocalnetGenesis, IsTheDevGenesisWithOtherValidators) {
    const auto vals = validators(4);
    auto g = localnet_genesis("azora-localnet-1", 1'790'000'000'123, vals);
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    const Genesis dev = dev_genesis();
    EXPECT_EQ(g->chain_id, "azora-localnet-1");
    EXPECT_EQ(g->params.chain_id, "azora-localnet-1");
    EXPECT_EQ(g->genesis_time_ms, 1'790'000'000'123u);
    ASSERT_EQ(g->validators.size(), 4u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(g->validators[i].name, vals[i].name);
        EXPECT_EQ(g->validators[i].pubkey, vals[i].pubkey);
        EXPECT_EQ(g->validators[i].power, 10u);
    }
    // Everything else is the dev chain's: wallets' --dev keys work on the local network.
    ASSERT_EQ(g->accounts.size(), dev.accounts.size());
    for (size_t i = 0; i < dev.accounts.size(); ++i) {
        EXPECT_EQ(g->accounts[i].address, dev.accounts[i].address);
        EXPECT_EQ(g->accounts[i].balance, dev.accounts[i].balance);
    }
    ASSERT_TRUE(g->council.has_value());
    EXPECT_EQ(g->council->members, dev.council->members);
    ASSERT_EQ(g->issuers.size(), 1u);
    EXPECT_EQ(g->issuers[0].address, dev.issuers[0].address);
    EXPECT_EQ(g->params.gas.actions, dev.params.gas.actions);
    EXPECT_EQ(g->hrp(), "tazr");
    auto set = g->validator_set();
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->size(), 4u);
}

TEST(LocalnetGenesis, DifferentValidatorsGiveDifferentHashes) {
    auto a = localnet_genesis("azora-localnet-1", 1, validators(1));
    auto b = localnet_genesis("azora-localnet-1", 1, validators(1));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->hash(), b->hash());
}

TEST(LocalnetGenesis, RefusesWhatAGenesisFileMayNotHold) {
    EXPECT_EQ(localnet_genesis("bad id", 1, validators(1)).error().reason, "bad_genesis");
    EXPECT_EQ(localnet_genesis("azora-localnet-1", 1, {}).error().reason, "bad_genesis");
    auto dup = validators(1);
    dup.push_back(dup[0]);
    EXPECT_EQ(localnet_genesis("azora-localnet-1", 1, dup).error().reason, "bad_genesis");
    auto zero = validators(1);
    zero[0].power = 0;
    EXPECT_EQ(localnet_genesis("azora-localnet-1", 1, zero).error().reason, "bad_genesis");
}

}  // namespace
}  // namespace azora::genesis
