#include "ledger/receipt.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {
namespace {

// Computed independently in Python: u8 status, u64 gas_used, error string, varint event
// count, each event as u16 module, type string, varint count of (key, value) strings.
constexpr std::string_view kGoldenReceipt =
    "01"                                      // failed
    "0852000000000000"                        // gas 21000
    "12696e73756666696369656e745f66756e6473"  // "insufficient_funds"
    "01"                                      // one event
    "0100"
    "087472616e73666572"  // module 1, "transfer"
    "02"
    "0466726f6d"
    "026161"  // from=aa
    "06616d6f756e74"
    "0135";  // amount=5
constexpr std::string_view kGoldenHash =
    "114d35fd49e1e7b2d302048ab4e6695b92056a5b9e39f9d7ee7e0a4c79bfdce7";

Receipt golden_receipt() {
    Receipt r;
    r.status = TxStatus::failed;
    r.gas_used = 21'000;
    r.error = "insufficient_funds";
    r.events.push_back({1, "transfer", {{"from", "aa"}, {"amount", "5"}}});
    return r;
}

Receipt success_receipt(uint64_t gas) {
    Receipt r;
    r.gas_used = gas;
    r.events.push_back({1, "transfer", {{"to", "bb"}}});
    r.events.push_back({2, "issued", {}});
    return r;
}

std::string reason(const Result<Receipt>& r) {
    return r.ok() ? "<ok>" : r.error().reason;
}

TEST(Receipt, GoldenEncodingAndHash) {
    const Receipt r = golden_receipt();
    EXPECT_EQ(to_hex(r.encode()), kGoldenReceipt);
    EXPECT_EQ(to_hex(r.hash()), kGoldenHash);
    EXPECT_EQ(r.hash(), tagged_hash("azora/receipt", r.encode()));
}

TEST(Receipt, RoundTrip) {
    for (const Receipt& r : {golden_receipt(), success_receipt(3780), Receipt{}}) {
        auto back = Receipt::decode(r.encode());
        ASSERT_TRUE(back.ok()) << back.error().to_string();
        EXPECT_EQ(*back, r);
    }
}

TEST(Receipt, StrictDecoding) {
    const Bytes enc = golden_receipt().encode();
    for (size_t len = 0; len < enc.size(); ++len) {
        EXPECT_EQ(reason(Receipt::decode(ByteView(enc).first(len))), "decode_error") << len;
    }
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_EQ(reason(Receipt::decode(trailing)), "decode_error");

    Bytes bad_status = enc;
    bad_status[0] = 2;
    EXPECT_EQ(reason(Receipt::decode(bad_status)), "decode_error");
}

TEST(Receipt, FieldLimits) {
    Receipt r;
    r.error = std::string(limits::kErrorTextMax, 'e');
    EXPECT_TRUE(Receipt::decode(r.encode()).ok());
    r.error.push_back('e');
    EXPECT_EQ(reason(Receipt::decode(r.encode())), "decode_error");

    Receipt type;
    type.events.push_back({1, std::string(limits::kEventKeyMax + 1, 't'), {}});
    EXPECT_EQ(reason(Receipt::decode(type.encode())), "decode_error");

    Receipt value;
    value.events.push_back({1, "t", {{"k", std::string(limits::kEventValueMax, 'v')}}});
    EXPECT_TRUE(Receipt::decode(value.encode()).ok());
    value.events[0].attributes[0].second.push_back('v');
    EXPECT_EQ(reason(Receipt::decode(value.encode())), "decode_error");

    Receipt attrs;
    attrs.events.push_back({1, "t", {}});
    for (size_t i = 0; i <= limits::kEventAttrsMax; ++i) {
        attrs.events[0].attributes.emplace_back("k", "v");
    }
    EXPECT_EQ(reason(Receipt::decode(attrs.encode())), "decode_error");
    attrs.events[0].attributes.pop_back();
    EXPECT_TRUE(Receipt::decode(attrs.encode()).ok());

    Receipt events;
    events.events.assign(limits::kEventsMax + 1, Event{1, "t", {}});
    EXPECT_EQ(reason(Receipt::decode(events.encode())), "decode_error");
    events.events.pop_back();
    EXPECT_TRUE(Receipt::decode(events.encode()).ok());
}

TEST(Receipt, HashCoversEveryField) {
    const Hash32 base = golden_receipt().hash();
    Receipt status = golden_receipt();
    status.status = TxStatus::success;
    Receipt gas = golden_receipt();
    gas.gas_used += 1;
    Receipt error = golden_receipt();
    error.error = "bad_amount";
    Receipt event = golden_receipt();
    event.events[0].attributes[1].second = "6";
    Receipt no_events = golden_receipt();
    no_events.events.clear();
    for (const Receipt& r : {status, gas, error, event, no_events}) {
        EXPECT_NE(r.hash(), base);
    }
}

TEST(Receipt, ReceiptsRootMatchesHandComputation) {
    const std::vector<Receipt> rs = {golden_receipt(), success_receipt(1), success_receipt(2)};
    auto node = [](const Hash32& l, const Hash32& r) {
        Bytes buf(l.begin(), l.end());
        buf.insert(buf.end(), r.begin(), r.end());
        return tagged_hash("azora/receiptroot", buf);
    };
    EXPECT_EQ(compute_receipts_root({}), Hash32{});
    EXPECT_EQ(compute_receipts_root({rs[0]}), rs[0].hash());
    EXPECT_EQ(compute_receipts_root(rs), node(node(rs[0].hash(), rs[1].hash()), rs[2].hash()));
}

TEST(Receipt, BlockReceiptsRoundTrip) {
    const std::vector<Receipt> rs = {golden_receipt(), success_receipt(1)};
    const Bytes enc = encode_receipts(rs);
    auto back = decode_receipts(enc);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, rs);

    auto none = decode_receipts(encode_receipts({}));
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());

    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_FALSE(decode_receipts(trailing).ok());
    EXPECT_FALSE(decode_receipts(ByteView(enc).first(enc.size() - 1)).ok());
}

}  // namespace
}  // namespace azora::ledger
