#include "vm/state_view.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/test_state.hpp"

namespace azora::test {
namespace {

Bytes b(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

// The value `view` reads for `key`, or "<absent>"; a read error fails the test.
std::string read(const vm::StateReader& view, std::string_view key) {
    auto r = view.get(b(key));
    EXPECT_TRUE(r.ok());
    if (!r.ok() || !r->has_value()) {
        return "<absent>";
    }
    return std::string(as_string_view(**r));
}

class StateViewTest : public ::testing::Test {
protected:
    StateViewTest() : m_view(m_base) {
        m_base.put(b("a"), b("base-a"));
        m_base.put(b("b"), b("base-b"));
    }
    MemoryState m_base;
    vm::StateView m_view;
};

TEST_F(StateViewTest, ReadsFallThroughToBase) {
    EXPECT_EQ(read(m_view, "a"), "base-a");
    EXPECT_EQ(read(m_view, "zzz"), "<absent>");
    EXPECT_TRUE(m_view.changes().empty());
    // The base is read live, not copied at construction.
    m_base.put(b("c"), b("base-c"));
    EXPECT_EQ(read(m_view, "c"), "base-c");
}

TEST_F(StateViewTest, WritesShadowBaseAndNeverReachIt) {
    m_view.put(b("a"), b("new-a"));
    m_view.put(b("n"), b("new-n"));
    EXPECT_EQ(read(m_view, "a"), "new-a");
    EXPECT_EQ(read(m_view, "n"), "new-n");
    EXPECT_EQ(read(m_base, "a"), "base-a");
    EXPECT_EQ(read(m_base, "n"), "<absent>");
}

TEST_F(StateViewTest, DeleteHidesBaseValueAndIsRecorded) {
    m_view.del(b("a"));
    EXPECT_EQ(read(m_view, "a"), "<absent>");
    EXPECT_EQ(read(m_view, "b"), "base-b");
    ASSERT_EQ(m_view.changes().size(), 1u);
    auto it = m_view.changes().find(b("a"));
    ASSERT_NE(it, m_view.changes().end());
    EXPECT_FALSE(it->second.has_value());

    m_view.put(b("a"), b("again"));
    EXPECT_EQ(read(m_view, "a"), "again");
}

TEST_F(StateViewTest, ChangesAreInByteOrderWithFinalValues) {
    // Written out of order; byte order puts "\x01" < "\x01\xff" < "\x02" < "a" < "ab".
    m_view.put(b("ab"), b("1"));
    m_view.put(Bytes{0x02}, b("2"));
    m_view.put(b("a"), b("3"));
    m_view.put(Bytes{0x01, 0xff}, b("4"));
    m_view.put(Bytes{0x01}, b("5"));
    m_view.del(b("b"));
    m_view.put(b("ab"), b("6"));  // overwritten: only the final value remains

    std::vector<Bytes> keys;
    for (const auto& [k, v] : m_view.changes()) {
        keys.push_back(k);
    }
    EXPECT_EQ(keys, (std::vector<Bytes>{Bytes{0x01}, Bytes{0x01, 0xff}, Bytes{0x02}, b("a"),
                                        b("ab"), b("b")}));
    EXPECT_EQ(*m_view.changes().at(b("ab")), b("6"));
    EXPECT_FALSE(m_view.changes().at(b("b")).has_value());
}

TEST_F(StateViewTest, NestedCheckpointsRevertInOrder) {
    const size_t outer = m_view.checkpoint();
    m_view.put(b("a"), b("a1"));
    m_view.put(b("x"), b("x1"));

    const size_t inner = m_view.checkpoint();
    EXPECT_EQ(inner - outer, 2u);
    m_view.put(b("a"), b("a2"));
    m_view.del(b("b"));
    m_view.del(b("x"));
    m_view.put(b("y"), b("y2"));
    EXPECT_EQ(m_view.writes_since(inner), 4u);
    EXPECT_EQ(m_view.writes_since(outer), 6u);

    const size_t innermost = m_view.checkpoint();
    m_view.revert(innermost);  // nothing written since: a no-op
    EXPECT_EQ(read(m_view, "a"), "a2");

    m_view.revert(inner);
    EXPECT_EQ(read(m_view, "a"), "a1");
    EXPECT_EQ(read(m_view, "b"), "base-b");
    EXPECT_EQ(read(m_view, "x"), "x1");
    EXPECT_EQ(read(m_view, "y"), "<absent>");
    EXPECT_EQ(m_view.changes().size(), 2u);
    EXPECT_EQ(m_view.checkpoint(), inner);

    m_view.revert(outer);
    EXPECT_EQ(read(m_view, "a"), "base-a");
    EXPECT_EQ(read(m_view, "x"), "<absent>");
    EXPECT_TRUE(m_view.changes().empty());
}

// A key deleted in the overlay, rewritten, then reverted, must read as deleted again, not
// fall back through to the base value.
TEST_F(StateViewTest, RevertRestoresAnOverlayDelete) {
    m_view.del(b("a"));
    const size_t mark = m_view.checkpoint();
    m_view.put(b("a"), b("a1"));
    m_view.put(b("a"), b("a2"));
    m_view.revert(mark);
    EXPECT_EQ(read(m_view, "a"), "<absent>");
    ASSERT_EQ(m_view.changes().count(b("a")), 1u);
    EXPECT_FALSE(m_view.changes().at(b("a")).has_value());
}

TEST_F(StateViewTest, ClearJournalKeepsChanges) {
    m_view.put(b("a"), b("a1"));
    m_view.del(b("b"));
    m_view.clear_journal();
    EXPECT_EQ(m_view.checkpoint(), 0u);
    m_view.revert(0);  // nothing to undo any more
    EXPECT_EQ(read(m_view, "a"), "a1");
    EXPECT_EQ(read(m_view, "b"), "<absent>");
    EXPECT_EQ(m_view.changes().size(), 2u);

    // New writes after a clear revert back to the cleared state.
    const size_t mark = m_view.checkpoint();
    m_view.put(b("a"), b("a2"));
    m_view.revert(mark);
    EXPECT_EQ(read(m_view, "a"), "a1");
}

TEST_F(StateViewTest, BaseReadErrorsPropagate) {
    m_view.put(b("a"), b("a1"));
    m_base.set_fail_reads(true);
    EXPECT_EQ(read(m_view, "a"), "a1");  // served by the overlay
    auto r = m_view.get(b("b"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
}

// "key=value" of every entry a scan visits, stopping after `max` entries.
std::vector<std::string> scan(const vm::StateReader& r,
                              std::string_view prefix,
                              std::string_view start = "",
                              size_t max = 100) {
    std::vector<std::string> out;
    auto res = r.scan(as_bytes(prefix), as_bytes(start), [&](ByteView k, ByteView v) {
        out.push_back(std::string(as_string_view(k)) + "=" + std::string(as_string_view(v)));
        return out.size() < max;
    });
    EXPECT_TRUE(res.ok()) << res.error().to_string();
    return out;
}

using Seen = std::vector<std::string>;

TEST_F(StateViewTest, ScanMergesOverlayAndBaseInKeyOrder) {
    m_base.put(b("p/1"), b("b1"));
    m_base.put(b("p/3"), b("b3"));
    m_base.put(b("p/5"), b("b5"));
    m_base.put(b("q/1"), b("other prefix"));
    m_view.put(b("p/0"), b("v0"));  // before every base key
    m_view.put(b("p/3"), b("v3"));  // shadows a base value
    m_view.del(b("p/5"));           // hides a base value
    m_view.put(b("p/4"), b("v4"));  // between base keys
    m_view.put(b("p/9"), b("v9"));  // after every base key
    m_view.del(b("p/7"));           // deleting an absent key shows nothing
    m_view.put(b("q/0"), b("other"));

    EXPECT_EQ(scan(m_view, "p/"), (Seen{"p/0=v0", "p/1=b1", "p/3=v3", "p/4=v4", "p/9=v9"}));
    EXPECT_EQ(scan(m_base, "p/"), (Seen{"p/1=b1", "p/3=b3", "p/5=b5"}));
    // From a start key inside the range; a start below the prefix begins at the prefix.
    EXPECT_EQ(scan(m_view, "p/", "p/3"), (Seen{"p/3=v3", "p/4=v4", "p/9=v9"}));
    EXPECT_EQ(scan(m_view, "p/", "p/31"), (Seen{"p/4=v4", "p/9=v9"}));
    EXPECT_EQ(scan(m_view, "p/", "a"), scan(m_view, "p/"));
    EXPECT_EQ(scan(m_view, "p/", "p/99"), Seen{});
    // The visitor stops the scan, whether it is on an overlay or a base entry.
    EXPECT_EQ(scan(m_view, "p/", "", 1), (Seen{"p/0=v0"}));
    EXPECT_EQ(scan(m_view, "p/", "", 2), (Seen{"p/0=v0", "p/1=b1"}));
    EXPECT_EQ(scan(m_view, "p/", "", 4), (Seen{"p/0=v0", "p/1=b1", "p/3=v3", "p/4=v4"}));
    // The empty prefix is the whole state.
    EXPECT_EQ(scan(m_view, "").size(), 9u);
}

TEST_F(StateViewTest, ScanFollowsRevert) {
    m_base.put(b("p/1"), b("b1"));
    const size_t mark = m_view.checkpoint();
    m_view.del(b("p/1"));
    m_view.put(b("p/2"), b("v2"));
    EXPECT_EQ(scan(m_view, "p/"), (Seen{"p/2=v2"}));
    m_view.revert(mark);
    EXPECT_EQ(scan(m_view, "p/"), (Seen{"p/1=b1"}));
}

TEST_F(StateViewTest, ScanReadErrorsPropagate) {
    m_base.set_fail_reads(true);
    auto r = m_view.scan(as_bytes("a"), {}, [](ByteView, ByteView) { return true; });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
}

}  // namespace
}  // namespace azora::test
