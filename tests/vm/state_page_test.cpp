#include "vm/state_page.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_state.hpp"

namespace azora::test {
namespace {

Bytes b(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

TEST(StatePage, PagesFixedLengthSuffixesAfterTheCursor) {
    MemoryState base;
    for (const char* k : {"p/aa", "p/ab", "p/ba", "q/aa"}) {
        base.put(b(k), b(std::string("v") + k));
    }
    auto page = vm::page_entries(base, b("p/"), 2, {}, 2);
    ASSERT_TRUE(page.ok()) << page.error().to_string();
    ASSERT_EQ(page->entries.size(), 2u);
    EXPECT_EQ(page->entries[0], std::make_pair(b("aa"), b("vp/aa")));
    EXPECT_EQ(page->entries[1].first, b("ab"));
    ASSERT_TRUE(page->next_cursor.has_value());
    EXPECT_EQ(*page->next_cursor, b("ab"));

    auto last = vm::page_entries(base, b("p/"), 2, *page->next_cursor, 2);
    ASSERT_TRUE(last.ok());
    ASSERT_EQ(last->entries.size(), 1u);
    EXPECT_EQ(last->entries[0].first, b("ba"));
    EXPECT_FALSE(last->next_cursor.has_value());

    // Exactly `limit` entries left: no next cursor, since nothing follows.
    auto exact = vm::page_entries(base, b("p/"), 2, {}, 3);
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact->entries.size(), 3u);
    EXPECT_FALSE(exact->next_cursor.has_value());
}

TEST(StatePage, RefusesBadCursorsLimitsAndOddKeys) {
    MemoryState base;
    base.put(b("p/aa"), b("1"));
    EXPECT_EQ(vm::page_entries(base, b("p/"), 2, b("a"), 1).error().reason, "bad_cursor");
    EXPECT_EQ(vm::page_entries(base, b("p/"), 2, {}, 0).error().reason, "bad_limit");
    EXPECT_EQ(vm::page_entries(base, b("p/"), 2, {}, vm::kMaxPageLimit + 1).error().reason,
              "bad_limit");
    base.put(b("p/abc"), b("2"));
    auto odd = vm::page_entries(base, b("p/"), 2, {}, 10);
    ASSERT_FALSE(odd.ok());
    EXPECT_EQ(odd.error().kind, ErrorKind::internal);
    EXPECT_EQ(odd.error().reason, "state_corrupt");
}

}  // namespace
}  // namespace azora::test
