// Executor state tests: the checks before execution (rejections leave no trace), fee and
// nonce handling, gas accounting and estimate_gas. Gas figures come from test_params():
// a token transfer has intrinsic gas 1000 + 28 * 10 + 1500 = 2780 and writes 2 keys
// (2 * 500), 3780 in all; an unregistered action costs the default 1000 instead of 1500.
#include "vm/executor.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "core/encoding.hpp"
#include "tests/support/state_test.hpp"
#include "tests/support/test_state.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/modules/token/module.hpp"
#include "vm/registry.hpp"
#include "vm/state_key.hpp"

namespace azora::test {
namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kPrice = 2;
constexpr uint64_t kLimit = 10'000;
constexpr uint64_t kTransferIntrinsic = 2780;
constexpr uint64_t kTransferGas = 3780;
constexpr uint64_t kUnknownActionGas = 1000 + 28 * 10 + 1000;

Address alice() {
    return test_address(1);
}
Address bob() {
    return test_address(2);
}

ledger::Tx transfer(uint64_t nonce, uint64_t gas_limit = kLimit, uint64_t gas_price = kPrice) {
    return make_transfer(test_key(1), nonce, bob(), 1000, gas_limit, gas_price);
}

// Alice starts with 1,000,000 and sends Bob 1000 per successful transfer.
constexpr uint64_t kAlice = 1'000'000;

std::vector<StateTest> executor_cases() {
    return {
        {.name = "nonce_below_account_nonce_rejected",
         .pre = {{alice(), kAlice, 3}},
         .steps = {{[] { return transfer(2); }, rejects("bad_nonce")}},
         .post = {{alice(), kAlice, 3}}},

        {.name = "nonce_above_account_nonce_rejected",
         .pre = {{alice(), kAlice, 3}},
         .steps = {{[] { return transfer(4); }, rejects("bad_nonce")}},
         .post = {{alice(), kAlice, 3}}},

        {.name = "replay_of_the_same_tx_rejected",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0); }, succeeds(kTransferGas)},
                   {[] { return transfer(0); }, rejects("bad_nonce")}},
         .post = {{alice(), kAlice - 1000 - kTransferGas * kPrice, 1}, {bob(), 1000}},
         .proposer_fee = kTransferGas * kPrice},

        // A rejected tx consumes no nonce; a failed one does.
        {.name = "rejected_consumes_no_nonce_failed_does",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(1); }, rejects("bad_nonce")},
                   {[] { return make_transfer(test_key(1), 0, bob(), 0, kLimit, kPrice); },
                    fails("bad_amount", kTransferIntrinsic)},
                   {[] { return transfer(1); }, succeeds(kTransferGas)}},
         .post = {{alice(), kAlice - 1000 - (kTransferIntrinsic + kTransferGas) * kPrice, 2},
                  {bob(), 1000}},
         .proposer_fee = (kTransferIntrinsic + kTransferGas) * kPrice},

        {.name = "expired_rejected",
         .pre = {{alice(), kAlice}},
         .steps = {{[] {
                        ledger::Tx tx = transfer(0);
                        tx.expires_at_height = 9;
                        return resigned(tx, test_key(1));
                    },
                    rejects("expired")}},
         .post = {{alice(), kAlice}},
         .height = 10},

        {.name = "expiring_at_this_height_accepted",
         .pre = {{alice(), kAlice}},
         .steps = {{[] {
                        ledger::Tx tx = transfer(0);
                        tx.expires_at_height = 10;
                        return resigned(tx, test_key(1));
                    },
                    succeeds(kTransferGas)}},
         .post = {{alice(), kAlice - 1000 - kTransferGas * kPrice, 1}, {bob(), 1000}},
         .proposer_fee = kTransferGas * kPrice,
         .height = 10},

        {.name = "gas_limit_below_intrinsic_rejected",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, kTransferIntrinsic - 1); },
                    rejects("insufficient_gas")}},
         .post = {{alice(), kAlice}}},

        {.name = "gas_limit_above_cap_rejected",
         .pre = {{alice(), 10 * kAlice}},
         .steps = {{[] { return transfer(0, 1'000'001); }, rejects("gas_limit_too_high")}},
         .post = {{alice(), 10 * kAlice}}},

        {.name = "gas_price_below_minimum_rejected",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, kLimit, kPrice - 1); }, rejects("gas_price_too_low")}},
         .post = {{alice(), kAlice}}},

        {.name = "gas_price_zero_rejected",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, kLimit, 0); }, rejects("gas_price_too_low")}},
         .post = {{alice(), kAlice}}},

        {.name = "max_fee_overflow_rejected",
         .pre = {{alice(), kMax}},
         .steps = {{[] { return transfer(0, kLimit, kMax / kLimit + 1); },
                    rejects("fee_overflow")}},
         .post = {{alice(), kMax}}},

        {.name = "unknown_action_fails",
         .pre = {{alice(), kAlice}},
         .steps = {{[] {
                        return make_tx(test_key(1), 0, vm::kTokenModule, 99,
                                       vm::token::Transfer{bob(), 1000}.encode(), kLimit, kPrice);
                    },
                    fails("unknown_action", kUnknownActionGas)}},
         .post = {{alice(), kAlice - kUnknownActionGas * kPrice, 1}},
         .proposer_fee = kUnknownActionGas * kPrice},

        {.name = "unknown_module_fails",
         .pre = {{alice(), kAlice}},
         .steps = {{[] {
                        return make_tx(test_key(1), 0, 42, vm::token::kTransfer,
                                       vm::token::Transfer{bob(), 1000}.encode(), kLimit, kPrice);
                    },
                    fails("unknown_action", kUnknownActionGas)}},
         .post = {{alice(), kAlice - kUnknownActionGas * kPrice, 1}},
         .proposer_fee = kUnknownActionGas * kPrice},

        // The two writes need 1000 gas more than the intrinsic: out of gas, the transfer is
        // reverted, and the whole gas limit is charged.
        {.name = "out_of_gas_at_intrinsic_limit",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, kTransferIntrinsic); },
                    fails("out_of_gas", kTransferIntrinsic)}},
         .post = {{alice(), kAlice - kTransferIntrinsic * kPrice, 1}},
         .proposer_fee = kTransferIntrinsic * kPrice},

        {.name = "out_of_gas_one_short",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, kTransferGas - 1); },
                    fails("out_of_gas", kTransferGas - 1)}},
         .post = {{alice(), kAlice - (kTransferGas - 1) * kPrice, 1}},
         .proposer_fee = (kTransferGas - 1) * kPrice},

        {.name = "gas_limit_exactly_enough",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, kTransferGas); }, succeeds(kTransferGas)}},
         .post = {{alice(), kAlice - 1000 - kTransferGas * kPrice, 1}, {bob(), 1000}},
         .proposer_fee = kTransferGas * kPrice},

        // A higher price scales the fee; the unused part of the reserved maximum is refunded.
        {.name = "fee_scales_with_price_and_unused_gas_is_refunded",
         .pre = {{alice(), kAlice}},
         .steps = {{[] { return transfer(0, 50'000, 7); }, succeeds(kTransferGas)}},
         .post = {{alice(), kAlice - 1000 - kTransferGas * 7, 1}, {bob(), 1000}},
         .proposer_fee = kTransferGas * 7},

        // Paying the proposer would push its balance past u64: the whole tx is undone and
        // refused. (Total balances exceed u64, so only conservation is checked.)
        {.name = "proposer_fee_overflow_rejected",
         .pre = {{alice(), kAlice}, {test_proposer(), kMax - 1}},
         .steps = {{[] { return transfer(0); }, rejects("fee_overflow")}},
         .post = {{alice(), kAlice}, {test_proposer(), kMax - 1}}},
    };
}

class ExecutorCase : public ::testing::TestWithParam<StateTest> {};

TEST_P(ExecutorCase, Run) {
    run_state_test(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Cases,
                         ExecutorCase,
                         ::testing::ValuesIn(executor_cases()),
                         [](const auto& info) { return info.param.name; });

// A probe module (id 9) whose actions write payload[0] keys 0x09 'k' i, then succeed, fail
// or hit a storage error, to check gas per write and the revert of a failed action's writes.
constexpr uint16_t kProbeModule = 9;
enum ProbeAction : uint16_t { kWrite = 1, kWriteThenFail = 2, kWriteThenInternal = 3 };

Bytes probe_key(uint8_t i) {
    return vm::state_key(kProbeModule, 'k', Bytes{i});
}

vm::ActionSpec probe(ProbeAction kind, std::string name) {
    vm::ActionSpec spec{kProbeModule, kind, std::move(name), {}, {}, {}};
    spec.check = [](ByteView) -> Result<void> { return {}; };
    spec.verify = [](ByteView, const vm::TxContext&, const vm::StateView&) -> Result<void> {
        return {};
    };
    spec.run = [kind](ByteView payload, vm::TxContext& ctx, vm::StateView& state) -> Result<void> {
        const uint8_t n = payload.empty() ? 0 : payload[0];
        for (uint8_t i = 0; i < n; ++i) {
            state.put(probe_key(i), Bytes{i});
        }
        ctx.events.push_back({kProbeModule, "wrote", {{"n", std::to_string(n)}}});
        if (kind == kWriteThenFail) {
            return Error::failed("probe_failed");
        }
        if (kind == kWriteThenInternal) {
            return Error::internal("storage_failure");
        }
        return {};
    };
    return spec;
}

const vm::ModuleRegistry& probe_registry() {
    static const vm::ModuleRegistry registry = [] {
        vm::ModuleRegistry r;
        r.add(vm::token::module_spec());
        r.add({kProbeModule,
               "probe",
               {probe(kWrite, "probe.write"), probe(kWriteThenFail, "probe.write_then_fail"),
                probe(kWriteThenInternal, "probe.write_then_internal")},
               {},
               {}});
        return r;
    }();
    return registry;
}

// Probe intrinsic: 1000 base + 1 payload byte * 10 + 1000 default action.
constexpr uint64_t kProbeIntrinsic = 2010;

class ProbeTest : public ::testing::Test {
protected:
    ProbeTest() : m_params(test_params()), m_executor(probe_registry(), m_params), m_view(m_base) {
        m_base.set_balance(alice(), kAlice);
        m_base.set_supply(kAlice);
    }

    static ledger::Tx probe_tx(ProbeAction action, uint8_t writes, uint64_t gas_limit) {
        return make_tx(test_key(1), 0, kProbeModule, action, Bytes{writes}, gas_limit, kPrice);
    }
    Result<ledger::Receipt> apply(const ledger::Tx& tx) {
        return m_executor.apply(m_view, test_block(), tx, tx.hash(),
                                Address::from_pubkey(tx.sender));
    }
    Result<ledger::Receipt> apply(ProbeAction action, uint8_t writes, uint64_t gas_limit) {
        return apply(probe_tx(action, writes, gas_limit));
    }
    bool has_probe_key(uint8_t i) {
        auto v = m_view.get(probe_key(i));
        EXPECT_TRUE(v.ok());
        return v.ok() && v->has_value();
    }

    MemoryState m_base;
    vm::ChainParams m_params;
    vm::Executor m_executor;
    vm::StateView m_view;
};

// A probe module whose invariant forbids the key its write action writes first.
const vm::ModuleRegistry& strict_probe_registry() {
    static const vm::ModuleRegistry registry = [] {
        vm::ModuleRegistry r;
        r.add(vm::token::module_spec());
        vm::InvariantSpec no_key_zero{
            "no_key_zero", [](const vm::StateReader& state) -> Result<void> {
                AZORA_ASSIGN(auto v, state.get(probe_key(0)));
                if (v) {
                    return Result<void>(Error::internal("invariant_broken", "probe key 0 exists"));
                }
                return Result<void>();
            }};
        r.add({kProbeModule, "probe", {probe(kWrite, "probe.write")}, {}, {no_key_zero}});
        return r;
    }();
    return registry;
}

TEST(ExecutorInvariants, ABrokenInvariantStopsTheBlockWhenChecking) {
    MemoryState base;
    base.set_balance(alice(), kAlice);
    base.set_supply(kAlice);
    const vm::ChainParams params = test_params();
    const ledger::Tx tx = make_tx(test_key(1), 0, kProbeModule, kWrite, Bytes{1}, kLimit, kPrice);
    const Address sender = Address::from_pubkey(tx.sender);
    for (const bool check : {true, false}) {
        SCOPED_TRACE(check ? "checking" : "not checking");
        const vm::Executor executor(strict_probe_registry(), params, check);
        vm::StateView view(base);
        auto r = executor.apply(view, test_block(), tx, tx.hash(), sender);
        if (check) {
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().kind, ErrorKind::internal);
            EXPECT_EQ(r.error().reason, "invariant_broken");
            EXPECT_NE(r.error().message.find("probe.no_key_zero"), std::string::npos)
                << r.error().message;
        } else {
            ASSERT_TRUE(r.ok()) << r.error().to_string();
            EXPECT_EQ(r->status, ledger::TxStatus::success);
        }
    }
}

TEST_F(ProbeTest, EachWriteCostsGas) {
    auto r = apply(kWrite, 3, kLimit);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->status, ledger::TxStatus::success);
    EXPECT_EQ(r->gas_used, kProbeIntrinsic + 3 * 500);
    ASSERT_EQ(r->events.size(), 1u);
    EXPECT_EQ(r->events[0].type, "wrote");
    EXPECT_TRUE(has_probe_key(0));
    EXPECT_TRUE(has_probe_key(2));
    EXPECT_FALSE(has_probe_key(3));
    EXPECT_EQ(balance_of(m_view, test_proposer()), (kProbeIntrinsic + 1500) * kPrice);
}

TEST_F(ProbeTest, FailedActionWritesAndEventsAreRevertedButGasIsCharged) {
    auto r = apply(kWriteThenFail, 3, kLimit);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->status, ledger::TxStatus::failed);
    EXPECT_EQ(r->error, "probe_failed");
    EXPECT_EQ(r->gas_used, kProbeIntrinsic + 3 * 500);
    EXPECT_TRUE(r->events.empty());
    EXPECT_FALSE(has_probe_key(0));
    EXPECT_FALSE(has_probe_key(2));
    EXPECT_EQ(nonce_of(m_view, alice()), 1u);
    EXPECT_EQ(balance_of(m_view, alice()), kAlice - (kProbeIntrinsic + 1500) * kPrice);
    // Only the fee and nonce records remain: sender balance, proposer balance, sender nonce.
    EXPECT_EQ(m_view.changes().size(), 3u);
}

TEST_F(ProbeTest, WritesPastTheGasLimitRunOutOfGas) {
    // 5 writes need 2010 + 2500 = 4510 gas; the limit is 4000.
    auto r = apply(kWrite, 5, 4000);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->status, ledger::TxStatus::failed);
    EXPECT_EQ(r->error, "out_of_gas");
    EXPECT_EQ(r->gas_used, 4000u);
    EXPECT_TRUE(r->events.empty());
    for (uint8_t i = 0; i < 5; ++i) {
        EXPECT_FALSE(has_probe_key(i)) << int{i};
    }
    EXPECT_EQ(balance_of(m_view, alice()), kAlice - 4000 * kPrice);
    EXPECT_EQ(balance_of(m_view, test_proposer()), 4000 * kPrice);
    EXPECT_EQ(supply_of(m_view), balance_of(m_view, alice()) + balance_of(m_view, test_proposer()));
}

TEST_F(ProbeTest, InternalErrorFromActionPropagates) {
    auto r = apply(kWriteThenInternal, 1, kLimit);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    EXPECT_EQ(r.error().reason, "storage_failure");
}

TEST_F(ProbeTest, StorageFailureIsInternalNotARejection) {
    const ledger::Tx tx = probe_tx(kWrite, 1, kLimit);
    m_base.set_fail_reads(true);
    auto r = apply(tx);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    EXPECT_EQ(r.error().reason, "storage_failure");
    EXPECT_TRUE(m_view.changes().empty());
}

// The account nonce is a u64; at its maximum, applying a tx must not wrap it back to 0
// (which would make every old tx of the account valid again).
// A nonce at u64 max cannot advance, so such a tx is refused instead of wrapping to 0.
TEST(ExecutorNonce, NonceAtMaximumDoesNotWrap) {
    MemoryState base;
    base.set_balance(alice(), kAlice);
    base.set_nonce(alice(), kMax);
    const vm::ChainParams params = test_params();
    const vm::Executor executor(vm::ModuleRegistry::standard(), params);
    vm::StateView view(base);
    ledger::Tx tx = transfer(kMax);
    auto r = executor.apply(view, test_block(), tx, tx.hash(), Address::from_pubkey(tx.sender));
    EXPECT_FALSE(r.ok() && nonce_of(view, alice()) == 0)
        << "nonce wrapped from UINT64_MAX to 0: nonce-0 txs of this account replay";
}

// The proposer may itself send or receive: fees and transfers still add up.
TEST(ExecutorProposer, SenderIsTheProposer) {
    MemoryState base;
    base.set_balance(alice(), kAlice);
    base.set_supply(kAlice);
    const vm::ChainParams params = test_params();
    const vm::Executor executor(vm::ModuleRegistry::standard(), params);
    vm::BlockContext block = test_block();
    block.proposer = alice();
    vm::StateView view(base);
    ledger::Tx tx = transfer(0);
    auto r = executor.apply(view, block, tx, tx.hash(), Address::from_pubkey(tx.sender));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->gas_used, kTransferGas);
    // The fee goes back to the sender, so only the amount leaves.
    EXPECT_EQ(balance_of(view, alice()), kAlice - 1000);
    EXPECT_EQ(balance_of(view, bob()), 1000u);
    EXPECT_EQ(nonce_of(view, alice()), 1u);
    EXPECT_EQ(supply_of(view), balance_of(view, alice()) + balance_of(view, bob()));
}

TEST(ExecutorProposer, RecipientIsTheProposer) {
    MemoryState base;
    base.set_balance(alice(), kAlice);
    base.set_supply(kAlice);
    const vm::ChainParams params = test_params();
    const vm::Executor executor(vm::ModuleRegistry::standard(), params);
    vm::BlockContext block = test_block();
    block.proposer = bob();
    vm::StateView view(base);
    ledger::Tx tx = transfer(0);
    auto r = executor.apply(view, block, tx, tx.hash(), Address::from_pubkey(tx.sender));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(balance_of(view, alice()), kAlice - 1000 - kTransferGas * kPrice);
    EXPECT_EQ(balance_of(view, bob()), 1000 + kTransferGas * kPrice);
    EXPECT_EQ(supply_of(view), balance_of(view, alice()) + balance_of(view, bob()));
}

// A tx for another chain is never includable, and malformed (core/reasons.hpp): no honest node
// relays it. Nothing changes.
TEST(ExecutorChain, WrongChainIsRefusedAsMalformed) {
    MemoryState base;
    base.set_balance(alice(), kAlice);
    base.set_supply(kAlice);
    const vm::ChainParams params = test_params();
    const vm::Executor executor(vm::ModuleRegistry::standard(), params);
    ledger::Tx tx = transfer(0);
    tx.chain_id = "azora-other";
    tx = resigned(tx, test_key(1));
    vm::StateView view(base);
    auto r = executor.apply(view, test_block(), tx, tx.hash(), Address::from_pubkey(tx.sender));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "wrong_chain");
    EXPECT_EQ(r.error().kind, ErrorKind::malformed);
    EXPECT_TRUE(view.changes().empty());
    EXPECT_EQ(balance_of(view, alice()), kAlice);
}

// Nonces are state: once a block's changes are committed, the next block's view refuses a
// replay, and the next nonce goes through.
TEST(ExecutorNonce, ReplayInALaterBlockIsRejected) {
    MemoryState base;
    base.set_balance(alice(), kAlice);
    base.set_supply(kAlice);
    const vm::ChainParams params = test_params();
    const vm::Executor executor(vm::ModuleRegistry::standard(), params);
    const ledger::Tx first = transfer(0);
    {
        vm::StateView block10(base);
        ASSERT_TRUE(executor
                        .apply(block10, test_block(10), first, first.hash(),
                               Address::from_pubkey(first.sender))
                        .ok());
        base.commit(block10.changes());
    }
    EXPECT_EQ(nonce_of(base, alice()), 1u);
    vm::StateView block11(base);
    auto replay = executor.apply(block11, test_block(11), first, first.hash(),
                                 Address::from_pubkey(first.sender));
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(replay.error().reason, "bad_nonce");
    const ledger::Tx second = transfer(1);
    auto r = executor.apply(block11, test_block(11), second, second.hash(),
                            Address::from_pubkey(second.sender));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(nonce_of(block11, alice()), 2u);
    EXPECT_EQ(balance_of(block11, bob()), 2000u);
}

class EstimateGas : public ::testing::Test {
protected:
    EstimateGas() : m_params(test_params()), m_executor(vm::ModuleRegistry::standard(), m_params) {
        m_base.set_balance(alice(), kAlice);
        m_base.set_supply(kAlice);
    }
    MemoryState m_base;
    vm::ChainParams m_params;
    vm::Executor m_executor;
};

TEST_F(EstimateGas, MatchesAppliedGasAndLeavesStateUnchanged) {
    vm::StateView view(m_base);
    view.put(probe_key(7), Bytes{7});  // an earlier write that must survive the estimate
    const auto before = view.changes();
    ledger::Tx tx = transfer(0);
    auto est = m_executor.estimate_gas(view, test_block(), tx);
    ASSERT_TRUE(est.ok()) << est.error().to_string();
    EXPECT_EQ(*est, kTransferGas);
    EXPECT_TRUE(view.changes() == before);

    auto r = m_executor.apply(view, test_block(), tx, tx.hash(), Address::from_pubkey(tx.sender));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->gas_used, *est);
}

TEST_F(EstimateGas, IgnoresNonceGasLimitAndPrice) {
    vm::StateView view(m_base);
    ledger::Tx tx = transfer(5, 1, 0);
    auto est = m_executor.estimate_gas(view, test_block(), tx);
    ASSERT_TRUE(est.ok()) << est.error().to_string();
    EXPECT_EQ(*est, kTransferGas);
    EXPECT_TRUE(view.changes().empty());
}

TEST_F(EstimateGas, MultiTransferCountsItsWrites) {
    vm::StateView view(m_base);
    ledger::Tx tx =
        make_multi_transfer(test_key(1), 0, {{bob(), 1}, {test_address(3), 2}}, kLimit, kPrice);
    auto est = m_executor.estimate_gas(view, test_block(), tx);
    ASSERT_TRUE(est.ok()) << est.error().to_string();
    EXPECT_EQ(*est, 1000 + 10 * (1 + 2 * 28) + 2500 + 4 * 500u);
}

TEST_F(EstimateGas, ReportsTheActionError) {
    vm::StateView view(m_base);
    auto zero = m_executor.estimate_gas(view, test_block(),
                                        make_transfer(test_key(1), 0, bob(), 0, kLimit, kPrice));
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().kind, ErrorKind::failed);
    EXPECT_EQ(zero.error().reason, "bad_amount");

    auto broke = m_executor.estimate_gas(
        view, test_block(), make_transfer(test_key(1), 0, bob(), kAlice + 1, kLimit, kPrice));
    ASSERT_FALSE(broke.ok());
    EXPECT_EQ(broke.error().reason, "insufficient_funds");

    auto unknown = m_executor.estimate_gas(view, test_block(),
                                           make_tx(test_key(1), 0, 42, 1, Bytes{}, kLimit, kPrice));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().reason, "unknown_action");
    EXPECT_TRUE(view.changes().empty());
}

TEST(ExecutorGas, IntrinsicGasFromSchedule) {
    const vm::ChainParams params = test_params();
    const vm::Executor executor(vm::ModuleRegistry::standard(), params);
    ledger::Tx tx = transfer(0);
    const auto* spec = vm::ModuleRegistry::standard().find(vm::kTokenModule, vm::token::kTransfer);
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(executor.intrinsic_gas(tx, spec), kTransferIntrinsic);
    EXPECT_EQ(executor.intrinsic_gas(tx, nullptr), kUnknownActionGas);
    tx.payload.clear();
    EXPECT_EQ(executor.intrinsic_gas(tx, spec), 1000u + 1500);
}

}  // namespace
}  // namespace azora::test
