#include "vm/evidence_records.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/encoding.hpp"
#include "tests/support/test_state.hpp"

namespace azora::test {
namespace {

using vm::evidence::EvidenceRecord;

ledger::DuplicateVoteEvidence ev(uint64_t height, uint8_t tag = 0) {
    ledger::DuplicateVoteEvidence e;
    e.vote_type = 2;
    e.height = height;
    e.round = 1;
    e.validator_index = tag;
    e.validator.fill(tag);
    e.block_hash_a.fill(0x0a);
    e.block_hash_b.fill(0x0b);
    e.sig_a.fill(0x1a);
    e.sig_b.fill(0x1b);
    return e;
}

TEST(EvidenceRecords, KeyAndValueLayout) {
    const auto e = ev(7);
    const Bytes key = vm::evidence::evidence_key(e.hash());
    ASSERT_EQ(key.size(), 34u);
    EXPECT_EQ(key[0], 0x00);  // system module
    EXPECT_EQ(key[1], 'e');
    EXPECT_TRUE(std::equal(key.begin() + 2, key.end(), e.hash().begin()));

    Writer w;
    w.u64(9);
    const Bytes enc = e.encode();
    Bytes want = w.take();
    want.insert(want.end(), enc.begin(), enc.end());
    EXPECT_EQ(vm::evidence::encode_record_value(e, 9), want);
}

TEST(EvidenceRecords, RecordThenGetAndRefuseADuplicate) {
    MemoryState base;
    vm::StateView view(base);
    ASSERT_TRUE(vm::evidence::record_evidence(view, ev(7), 9).ok());
    auto got = vm::evidence::get_evidence(view, ev(7).hash());
    ASSERT_TRUE(got.ok());
    ASSERT_TRUE(got->has_value());
    EXPECT_EQ(**got, (EvidenceRecord{ev(7).hash(), ev(7), 9}));

    const size_t mark = view.checkpoint();
    auto dup = vm::evidence::record_evidence(view, ev(7), 10);
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().reason, "evidence_already_recorded");
    EXPECT_EQ(dup.error().kind, ErrorKind::rejected);
    EXPECT_EQ(view.writes_since(mark), 0u);

    // Committed in an earlier block: still refused.
    base.commit(view.changes());
    vm::StateView next(base);
    EXPECT_EQ(vm::evidence::record_evidence(next, ev(7), 11).error().reason,
              "evidence_already_recorded");
    EXPECT_TRUE(vm::evidence::record_evidence(next, ev(7, 1), 11).ok());

    auto missing = vm::evidence::get_evidence(base, ev(8).hash());
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
}

TEST(EvidenceRecords, ListPagesInHashOrder) {
    MemoryState base;
    vm::StateView view(base);
    std::vector<EvidenceRecord> want;
    for (uint8_t i = 0; i < 5; ++i) {
        ASSERT_TRUE(vm::evidence::record_evidence(view, ev(100 + i, i), 200 + i).ok());
        want.push_back({ev(100 + i, i).hash(), ev(100 + i, i), 200u + i});
    }
    std::sort(want.begin(), want.end(),
              [](const EvidenceRecord& a, const EvidenceRecord& b) { return a.hash < b.hash; });
    // Another system record (a nonce) is not listed.
    base.set_nonce(test_address(1), 3);

    auto first = vm::evidence::list_evidence(view, {}, 2);
    ASSERT_TRUE(first.ok()) << first.error().to_string();
    EXPECT_EQ(*first, std::vector(want.begin(), want.begin() + 2));
    auto rest = vm::evidence::list_evidence(view, first->back().hash, 10);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(*rest, std::vector(want.begin() + 2, want.end()));
    auto after_last = vm::evidence::list_evidence(view, want.back().hash, 10);
    ASSERT_TRUE(after_last.ok());
    EXPECT_TRUE(after_last->empty());

    EXPECT_EQ(vm::evidence::list_evidence(view, Bytes(5, 0), 1).error().reason, "bad_cursor");
    EXPECT_EQ(vm::evidence::list_evidence(view, {}, 0).error().reason, "bad_limit");
}

TEST(EvidenceRecords, CorruptRecordsStopTheReader) {
    MemoryState base;
    const auto e = ev(7);
    Bytes value = vm::evidence::encode_record_value(e, 9);
    value.pop_back();
    base.put(vm::evidence::evidence_key(e.hash()), value);
    auto r = vm::evidence::get_evidence(base, e.hash());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "state_corrupt");
    EXPECT_EQ(r.error().kind, ErrorKind::internal);

    // A well-formed record stored under another evidence's hash.
    MemoryState moved;
    moved.put(vm::evidence::evidence_key(ev(8).hash()), vm::evidence::encode_record_value(e, 9));
    auto listed = vm::evidence::list_evidence(moved, {}, 10);
    ASSERT_FALSE(listed.ok());
    EXPECT_EQ(listed.error().reason, "state_corrupt");
}

}  // namespace
}  // namespace azora::test
