// Token module state tests: pre-state, transaction, expected receipt and post-state. The gas
// figures are worked out by hand from test_params():
//   transfer payload = 20-byte address + u64 = 28 bytes
//   transfer intrinsic = 1000 base + 28 * 10 + 1500 action = 2780
//   a transfer writes 2 keys (debit, credit): 2780 + 2 * 500 = 3780
//   multi-transfer payload = varint count + 28 per output;
//   its intrinsic = 1000 + 10 * payload + 2500, plus 2 writes per output.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "tests/support/state_test.hpp"
#include "tests/support/test_state.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/modules/token/state.hpp"
#include "vm/registry.hpp"

namespace azora::test {
namespace {

using vm::token::MultiTransfer;

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kPrice = 2;  // test_params().min_gas_price
constexpr uint64_t kLimit = 10'000;
constexpr uint64_t kTransferIntrinsic = 2780;
constexpr uint64_t kTransferGas = 3780;

// Multi-transfer gas for n outputs when the action stops before writing (intrinsic only)
// and when it writes all 2n keys; n < 128 so the count is a 1-byte varint.
constexpr uint64_t multi_intrinsic(uint64_t n) {
    return 1000 + 10 * (1 + 28 * n) + 2500;
}
constexpr uint64_t multi_gas(uint64_t n) {
    return multi_intrinsic(n) + 2 * n * 500;
}
static_assert(multi_intrinsic(2) == 4070 && multi_gas(2) == 6070);

Address alice() {
    return test_address(1);
}
Address bob() {
    return test_address(2);
}
Address carol() {
    return test_address(3);
}

std::vector<StateTest> transfer_cases() {
    return {
        {.name = "transfer_ok",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 250'000, kLimit, kPrice); },
                    succeeds(kTransferGas, {transfer_event(alice(), bob(), 250'000)})}},
         .post = {{alice(), 1'000'000 - 250'000 - kTransferGas * kPrice, 1}, {bob(), 250'000}},
         .proposer_fee = kTransferGas * kPrice},

        {.name = "transfer_two_in_a_row",
         .pre = {{alice(), 1'000'000, 7}},
         .steps = {{[] { return make_transfer(test_key(1), 7, bob(), 100, kLimit, kPrice); },
                    succeeds(kTransferGas)},
                   {[] { return make_transfer(test_key(1), 8, carol(), 200, kLimit, kPrice); },
                    succeeds(kTransferGas)}},
         .post = {{alice(), 1'000'000 - 300 - 2 * kTransferGas * kPrice, 9},
                  {bob(), 100},
                  {carol(), 200}},
         .proposer_fee = 2 * kTransferGas * kPrice},

        {.name = "transfer_to_self_costs_only_the_fee",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] { return make_transfer(test_key(1), 0, alice(), 500, kLimit, kPrice); },
                    succeeds(kTransferGas, {transfer_event(alice(), alice(), 500)})}},
         .post = {{alice(), 1'000'000 - kTransferGas * kPrice, 1}},
         .proposer_fee = kTransferGas * kPrice},

        // Gas limit exactly the gas used, amount exactly what is left after the maximum fee:
        // the sender ends at zero (its balance record is deleted) and keeps its nonce.
        {.name = "transfer_whole_balance_after_fee",
         .pre = {{alice(), 100'000}},
         .steps = {{[] {
                        return make_transfer(test_key(1), 0, bob(), 100'000 - kTransferGas * kPrice,
                                             kTransferGas, kPrice);
                    },
                    succeeds(kTransferGas)}},
         .post = {{alice(), 0, 1}, {bob(), 100'000 - kTransferGas * kPrice}},
         .proposer_fee = kTransferGas * kPrice},

        {.name = "transfer_zero_amount_fails_bad_amount",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 0, kLimit, kPrice); },
                    fails("bad_amount", kTransferIntrinsic)}},
         .post = {{alice(), 1'000'000 - kTransferIntrinsic * kPrice, 1}},
         .proposer_fee = kTransferIntrinsic * kPrice},

        // The fee is charged and the nonce advances even though the transfer fails.
        {.name = "transfer_insufficient_funds_fails_but_pays_fee",
         .pre = {{alice(), 50'000}, {bob(), 10}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 1'000'000, kLimit, kPrice); },
                    fails("insufficient_funds", kTransferIntrinsic)}},
         .post = {{alice(), 50'000 - kTransferIntrinsic * kPrice, 1}, {bob(), 10}},
         .proposer_fee = kTransferIntrinsic * kPrice},

        // The maximum fee (gas_limit * gas_price = 20,000) is reserved while the action runs,
        // so 90,000 of 100,000 is not available even though the final fee would be 7,560.
        {.name = "transfer_cannot_spend_the_reserved_fee",
         .pre = {{alice(), 100'000}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 90'000, kLimit, kPrice); },
                    fails("insufficient_funds", kTransferIntrinsic)}},
         .post = {{alice(), 100'000 - kTransferIntrinsic * kPrice, 1}},
         .proposer_fee = kTransferIntrinsic * kPrice},

        // Exactly the maximum fee: includable, but nothing left for the transfer itself.
        {.name = "transfer_balance_equals_max_fee",
         .pre = {{alice(), kLimit * kPrice}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 1, kLimit, kPrice); },
                    fails("insufficient_funds", kTransferIntrinsic)}},
         .post = {{alice(), kLimit * kPrice - kTransferIntrinsic * kPrice, 1}},
         .proposer_fee = kTransferIntrinsic * kPrice},

        {.name = "transfer_cannot_pay_max_fee_is_rejected",
         .pre = {{alice(), kLimit * kPrice - 1}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 1, kLimit, kPrice); },
                    rejects("insufficient_fee_funds")}},
         .post = {{alice(), kLimit * kPrice - 1}}},

        {.name = "transfer_from_empty_account_is_rejected",
         .pre = {{bob(), 5}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 1, kLimit, kPrice); },
                    rejects("insufficient_fee_funds")}},
         .post = {{bob(), 5}}},

        // The debit is written (1 write, 500 gas) before the credit overflows; it is reverted
        // but its gas is charged. Such a pre-state cannot record a supply (it exceeds u64),
        // so the runner checks conservation only.
        {.name = "transfer_recipient_overflow_fails",
         .pre = {{alice(), 1'000'000}, {bob(), kMax - 10}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 11, kLimit, kPrice); },
                    fails("amount_overflow", kTransferIntrinsic + 500)}},
         .post = {{alice(), 1'000'000 - (kTransferIntrinsic + 500) * kPrice, 1},
                  {bob(), kMax - 10}},
         .proposer_fee = (kTransferIntrinsic + 500) * kPrice},

        {.name = "transfer_recipient_reaches_u64_max",
         .pre = {{alice(), 1'000'000}, {bob(), kMax - 10}},
         .steps = {{[] { return make_transfer(test_key(1), 0, bob(), 10, kLimit, kPrice); },
                    succeeds(kTransferGas)}},
         .post = {{alice(), 1'000'000 - 10 - kTransferGas * kPrice, 1}, {bob(), kMax}},
         .proposer_fee = kTransferGas * kPrice},

        // Payload one byte short, and one byte too long, of the 28-byte transfer encoding.
        {.name = "transfer_truncated_payload_fails_decode_error",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        Bytes p = vm::token::Transfer{bob(), 5}.encode();
                        p.pop_back();
                        return make_tx(test_key(1), 0, vm::kTokenModule, vm::token::kTransfer, p,
                                       kLimit, kPrice);
                    },
                    fails("decode_error", kTransferIntrinsic - 10)}},
         .post = {{alice(), 1'000'000 - (kTransferIntrinsic - 10) * kPrice, 1}},
         .proposer_fee = (kTransferIntrinsic - 10) * kPrice},

        {.name = "transfer_trailing_payload_byte_fails_decode_error",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        Bytes p = vm::token::Transfer{bob(), 5}.encode();
                        p.push_back(0);
                        return make_tx(test_key(1), 0, vm::kTokenModule, vm::token::kTransfer, p,
                                       kLimit, kPrice);
                    },
                    fails("decode_error", kTransferIntrinsic + 10)}},
         .post = {{alice(), 1'000'000 - (kTransferIntrinsic + 10) * kPrice, 1}},
         .proposer_fee = (kTransferIntrinsic + 10) * kPrice},
    };
}

std::vector<StateTest> multi_transfer_cases() {
    return {
        {.name = "multi_transfer_ok",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        return make_multi_transfer(test_key(1), 0, {{bob(), 100}, {carol(), 200}},
                                                   kLimit, kPrice);
                    },
                    succeeds(multi_gas(2), {transfer_event(alice(), bob(), 100),
                                            transfer_event(alice(), carol(), 200)})}},
         .post = {{alice(), 1'000'000 - 300 - multi_gas(2) * kPrice, 1},
                  {bob(), 100},
                  {carol(), 200}},
         .proposer_fee = multi_gas(2) * kPrice},

        {.name = "multi_transfer_same_recipient_twice",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        return make_multi_transfer(test_key(1), 0,
                                                   {{bob(), 100}, {carol(), 1}, {bob(), 50}},
                                                   kLimit, kPrice);
                    },
                    succeeds(multi_gas(3))}},
         .post = {{alice(), 1'000'000 - 151 - multi_gas(3) * kPrice, 1},
                  {bob(), 150},
                  {carol(), 1}},
         .proposer_fee = multi_gas(3) * kPrice},

        // The outputs add up to more than the balance: no output is paid, the fee is charged.
        {.name = "multi_transfer_insufficient_funds_pays_nobody",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        return make_multi_transfer(
                            test_key(1), 0, {{bob(), 100}, {carol(), 990'000}}, kLimit, kPrice);
                    },
                    fails("insufficient_funds", multi_intrinsic(2))}},
         .post = {{alice(), 1'000'000 - multi_intrinsic(2) * kPrice, 1}},
         .proposer_fee = multi_intrinsic(2) * kPrice},

        // All or nothing after partial writes: Bob's output is applied (2 writes), then
        // Carol's debit (1 write) and her credit overflows. Bob must end with nothing.
        {.name = "multi_transfer_second_output_overflows_reverts_first",
         .pre = {{alice(), 1'000'000}, {carol(), kMax - 50}},
         .steps = {{[] {
                        return make_multi_transfer(test_key(1), 0, {{bob(), 100}, {carol(), 51}},
                                                   kLimit, kPrice);
                    },
                    fails("amount_overflow", multi_intrinsic(2) + 3 * 500)}},
         .post = {{alice(), 1'000'000 - (multi_intrinsic(2) + 1500) * kPrice, 1},
                  {carol(), kMax - 50}},
         .proposer_fee = (multi_intrinsic(2) + 1500) * kPrice},

        {.name = "multi_transfer_outputs_sum_overflows",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        return make_multi_transfer(test_key(1), 0, {{bob(), kMax}, {carol(), 1}},
                                                   kLimit, kPrice);
                    },
                    fails("amount_overflow", multi_intrinsic(2))}},
         .post = {{alice(), 1'000'000 - multi_intrinsic(2) * kPrice, 1}},
         .proposer_fee = multi_intrinsic(2) * kPrice},

        {.name = "multi_transfer_zero_output_fails_bad_amount",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] {
                        return make_multi_transfer(test_key(1), 0, {{bob(), 100}, {carol(), 0}},
                                                   kLimit, kPrice);
                    },
                    fails("bad_amount", multi_intrinsic(2))}},
         .post = {{alice(), 1'000'000 - multi_intrinsic(2) * kPrice, 1}},
         .proposer_fee = multi_intrinsic(2) * kPrice},

        {.name = "multi_transfer_no_outputs_fails_bad_amount",
         .pre = {{alice(), 1'000'000}},
         .steps = {{[] { return make_multi_transfer(test_key(1), 0, {}, kLimit, kPrice); },
                    fails("bad_amount", multi_intrinsic(0))}},
         .post = {{alice(), 1'000'000 - multi_intrinsic(0) * kPrice, 1}},
         .proposer_fee = multi_intrinsic(0) * kPrice},
    };
}

class TokenTransfer : public ::testing::TestWithParam<StateTest> {};

TEST_P(TokenTransfer, Run) {
    run_state_test(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Transfer,
                         TokenTransfer,
                         ::testing::ValuesIn(transfer_cases()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(MultiTransfer,
                         TokenTransfer,
                         ::testing::ValuesIn(multi_transfer_cases()),
                         [](const auto& info) { return info.param.name; });

// 256 outputs, the maximum, each to a distinct recipient. The count needs a 2-byte varint:
// payload = 2 + 256 * 28 = 7170 bytes; gas = 1000 + 71,700 + 2500 + 512 writes * 500.
std::vector<MultiTransfer::Output> outputs_to_distinct(size_t n) {
    std::vector<MultiTransfer::Output> out;
    for (size_t i = 0; i < n; ++i) {
        Address to;
        to.bytes[0] = 0xab;
        to.bytes[18] = static_cast<uint8_t>(i >> 8);
        to.bytes[19] = static_cast<uint8_t>(i);
        out.push_back({to, 1000 + i});
    }
    return out;
}

TEST(TokenMultiTransfer, MaximumOutputsSucceed) {
    constexpr uint64_t kGas = 1000 + 10 * (2 + 256 * 28) + 2500 + 512 * 500;
    static_assert(kGas == 331'200);
    StateTest t{.name = "multi_transfer_256_outputs",
                .pre = {{alice(), 10'000'000}},
                .steps = {{[] {
                               return make_multi_transfer(test_key(1), 0, outputs_to_distinct(256),
                                                          400'000, kPrice);
                           },
                           succeeds(kGas)}},
                .post = {},  // filled below
                .proposer_fee = kGas * kPrice};
    uint64_t paid = 0;
    for (const auto& o : outputs_to_distinct(256)) {
        t.post.push_back({o.to, o.amount});
        paid += o.amount;
    }
    t.post.push_back({alice(), 10'000'000 - paid - kGas * kPrice, 1});
    run_state_test(t);
}

// 257 outputs fail to decode: the tx is included and charged its intrinsic gas, nobody is paid.
TEST(TokenMultiTransfer, TooManyOutputsFailDecode) {
    constexpr uint64_t kGas = 1000 + 10 * (2 + 257 * 28) + 2500;
    static_assert(kGas == 75'480);
    run_state_test({.name = "multi_transfer_257_outputs",
                    .pre = {{alice(), 10'000'000}},
                    .steps = {{[] {
                                   return make_multi_transfer(
                                       test_key(1), 0, outputs_to_distinct(257), 400'000, kPrice);
                               },
                               fails("decode_error", kGas)}},
                    .post = {{alice(), 10'000'000 - kGas * kPrice, 1}},
                    .proposer_fee = kGas * kPrice});
}

TEST(TokenMessages, RoundTripAndStrictDecoding) {
    vm::token::Transfer t{bob(), 123456789};
    Bytes enc = t.encode();
    ASSERT_EQ(enc.size(), 28u);
    auto back = vm::token::Transfer::decode(enc);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->to, bob());
    EXPECT_EQ(back->amount, 123456789u);

    MultiTransfer m{{{bob(), 1}, {carol(), 2}}};
    Bytes menc = m.encode();
    ASSERT_EQ(menc.size(), 1u + 2 * 28);
    auto mback = MultiTransfer::decode(menc);
    ASSERT_TRUE(mback.ok());
    ASSERT_EQ(mback->outputs.size(), 2u);
    EXPECT_EQ(mback->outputs[1].to, carol());
    EXPECT_EQ(mback->outputs[1].amount, 2u);

    // The count says 3 but only 2 outputs follow.
    Bytes short_count = menc;
    short_count[0] = 3;
    EXPECT_EQ(MultiTransfer::decode(short_count).error().reason, "decode_error");
    Bytes trailing = menc;
    trailing.push_back(0);
    EXPECT_EQ(MultiTransfer::decode(trailing).error().reason, "decode_error");
}

// State records: zero balances are deleted, not stored as zero.
TEST(TokenState, ZeroBalanceIsDeleted) {
    MemoryState base;
    base.set_balance(alice(), 10);
    vm::StateView view(base);
    ASSERT_TRUE(vm::token::debit(view, alice(), 10).ok());
    auto it = view.changes().find(vm::token::balance_key(alice()));
    ASSERT_NE(it, view.changes().end());
    EXPECT_FALSE(it->second.has_value());
    EXPECT_EQ(balance_of(view, alice()), 0u);

    auto r = vm::token::debit(view, alice(), 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::failed);
    EXPECT_EQ(r.error().reason, "insufficient_funds");
}

TEST(TokenState, CorruptBalanceRecordIsInternalError) {
    MemoryState base;
    base.put(vm::token::balance_key(alice()), Bytes{1, 2, 3});
    auto r = vm::token::balance(base, alice());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    EXPECT_EQ(r.error().reason, "state_corrupt");
}

}  // namespace
}  // namespace azora::test
