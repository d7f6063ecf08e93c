// Read-only credential queries (paging by holder, issuer and over issuers) and the verdict.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "tests/support/module_records.hpp"
#include "tests/support/test_state.hpp"
#include "vm/modules/credential/queries.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/credential/verdict.hpp"

namespace azora::test {
namespace {

using vm::credential::Credential;
using vm::credential::CredentialPage;
using vm::credential::Issuer;
using vm::credential::IssuerStatus;
using vm::credential::Verdict;

Address school() {
    return test_address(1);
}
Address bob() {
    return test_address(2);
}
Address carol() {
    return test_address(3);
}

class CredentialQueries : public ::testing::Test {
protected:
    CredentialQueries() {
        put(issuer_entries(make_issuer(school())));
        put(issuer_entries(make_issuer(test_address(4), IssuerStatus::suspended)));
        for (int i = 0; i < 7; ++i) {
            put(credential_entries(sample_credential(school(), bob(), "b" + std::to_string(i))));
        }
        for (int i = 0; i < 3; ++i) {
            put(credential_entries(sample_credential(school(), carol(), "c" + std::to_string(i))));
        }
        put(credential_entries(sample_credential(test_address(4), bob(), "old")));
    }

    void put(const Entries& entries) {
        for (const auto& [k, v] : entries) {
            m_base.put(k, v);
        }
    }

    // Every id a walk of `list` with pages of `limit` returns, in order.
    template <typename List>
    std::vector<Hash32> walk(List list, size_t limit) {
        std::vector<Hash32> out;
        Bytes cursor;
        for (int pages = 0; pages < 100; ++pages) {
            Result<CredentialPage> page = list(cursor, limit);
            EXPECT_TRUE(page.ok()) << page.error().to_string();
            if (!page.ok()) {
                break;
            }
            EXPECT_LE(page->items.size(), limit);
            for (const auto& c : page->items) {
                out.push_back(c.id);
            }
            if (!page->next_cursor) {
                return out;
            }
            EXPECT_EQ(page->items.size(), limit) << "a page before the last is full";
            EXPECT_EQ(*page->next_cursor, Bytes(out.back().begin(), out.back().end()));
            cursor = *page->next_cursor;
        }
        ADD_FAILURE() << "paging did not end";
        return out;
    }

    std::vector<Hash32> sorted_ids(std::vector<std::string> seeds) {
        std::vector<Hash32> ids;
        for (const auto& s : seeds) {
            ids.push_back(sha256(as_bytes(s)));
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    MemoryState m_base;
};

TEST_F(CredentialQueries, ListByHolderPagesInIdOrder) {
    auto by_bob = [&](ByteView cursor, size_t limit) {
        return vm::credential::list_by_holder(m_base, bob(), cursor, limit);
    };
    const auto want = sorted_ids({"b0", "b1", "b2", "b3", "b4", "b5", "b6", "old"});
    for (size_t limit : {1u, 2u, 3u, 8u, 100u}) {
        SCOPED_TRACE("limit " + std::to_string(limit));
        EXPECT_EQ(walk(by_bob, limit), want);
    }
    auto none = vm::credential::list_by_holder(m_base, test_address(9), {}, 10);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->items.empty());
    EXPECT_FALSE(none->next_cursor.has_value());
}

TEST_F(CredentialQueries, ListByIssuerIncludesEveryHolder) {
    auto by_school = [&](ByteView cursor, size_t limit) {
        return vm::credential::list_by_issuer(m_base, school(), cursor, limit);
    };
    EXPECT_EQ(walk(by_school, 4),
              sorted_ids({"b0", "b1", "b2", "b3", "b4", "b5", "b6", "c0", "c1", "c2"}));
    auto page = vm::credential::list_by_issuer(m_base, test_address(4), {}, 10);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 1u);
    EXPECT_EQ(page->items[0], sample_credential(test_address(4), bob(), "old"));
}

// A cursor is a position in key order, not an offset: entries added or removed between pages
// never make a walk repeat an entry or skip one that existed throughout.
TEST_F(CredentialQueries, CursorIsStableWhileCredentialsComeAndGo) {
    vm::StateView view(m_base);
    auto first = vm::credential::list_by_holder(view, bob(), {}, 4);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(first->next_cursor.has_value());
    std::set<Hash32> seen;
    for (const auto& c : first->items) {
        seen.insert(c.id);
    }
    // Between the pages: bob receives a new credential, and loses one from the first page and
    // one not yet listed (both transferred to carol).
    Credential fresh = sample_credential(school(), bob(), "fresh");
    for (const auto& [k, v] : credential_entries(fresh)) {
        view.put(k, v);
    }
    auto all = walk(
        [&](ByteView c, size_t l) { return vm::credential::list_by_holder(view, bob(), c, l); },
        100);
    const Hash32 listed = first->items.front().id;
    const Hash32 unlisted = all.back() == fresh.id ? all[all.size() - 2] : all.back();
    for (const Hash32& id : {listed, unlisted}) {
        auto c = vm::credential::load_credential(view, id);
        ASSERT_TRUE(c.ok() && c->has_value());
        vm::credential::move_credential(view, **c, carol());
    }
    Bytes cursor = *first->next_cursor;
    std::vector<Hash32> second;
    for (;;) {
        auto page = vm::credential::list_by_holder(view, bob(), cursor, 4);
        ASSERT_TRUE(page.ok());
        for (const auto& c : page->items) {
            second.push_back(c.id);
        }
        if (!page->next_cursor) {
            break;
        }
        cursor = *page->next_cursor;
    }
    for (const auto& id : second) {
        EXPECT_FALSE(seen.contains(id)) << "repeated " << to_hex(id);
        EXPECT_NE(id, unlisted) << "a credential that left is still listed";
        seen.insert(id);
    }
    // Every credential bob held throughout was listed exactly once.
    for (const auto& id : sorted_ids({"b0", "b1", "b2", "b3", "b4", "b5", "b6", "old"})) {
        if (id != listed && id != unlisted) {
            EXPECT_TRUE(seen.contains(id)) << "skipped " << to_hex(id);
        }
    }
    // A transfer updates both holder lists but not the issuer's.
    auto carols = vm::credential::list_by_holder(view, carol(), {}, 100);
    ASSERT_TRUE(carols.ok());
    EXPECT_EQ(carols->items.size(), 5u);
    auto schools = vm::credential::list_by_issuer(view, school(), {}, 100);
    ASSERT_TRUE(schools.ok());
    EXPECT_EQ(schools->items.size(), 11u);
}

TEST_F(CredentialQueries, BadCursorsAndLimitsAreErrors) {
    auto expect_error = [](const auto& r, const std::string& reason) {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, reason);
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
    };
    expect_error(vm::credential::list_by_holder(m_base, bob(), Bytes(31, 0), 10), "bad_cursor");
    expect_error(vm::credential::list_by_holder(m_base, bob(), Bytes(33, 0), 10), "bad_cursor");
    expect_error(vm::credential::list_by_issuer(m_base, bob(), Bytes(20, 0), 10), "bad_cursor");
    expect_error(vm::credential::list_issuers(m_base, Bytes(32, 0), 10), "bad_cursor");
    expect_error(vm::credential::list_by_holder(m_base, bob(), {}, 0), "bad_limit");
    expect_error(vm::credential::list_by_holder(m_base, bob(), {}, vm::kMaxPageLimit + 1),
                 "bad_limit");
    // A well-formed cursor that names no credential is just a position.
    auto past = vm::credential::list_by_holder(m_base, bob(), Bytes(32, 0xff), 10);
    ASSERT_TRUE(past.ok());
    EXPECT_TRUE(past->items.empty());
    auto before = vm::credential::list_by_holder(m_base, bob(), Bytes(32, 0x00), 10);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->items.size(), 8u);
}

TEST_F(CredentialQueries, IndexWithoutRecordIsCorruption) {
    m_base.put(vm::credential::holder_index_key(bob(), sha256(as_bytes("ghost"))), {});
    auto r = vm::credential::list_by_holder(m_base, bob(), {}, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    EXPECT_EQ(r.error().reason, "state_corrupt");
}

TEST_F(CredentialQueries, ListIssuersAndGetters) {
    auto page = vm::credential::list_issuers(m_base, {}, 1);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->items.size(), 1u);
    ASSERT_TRUE(page->next_cursor.has_value());
    auto rest = vm::credential::list_issuers(m_base, *page->next_cursor, 1);
    ASSERT_TRUE(rest.ok());
    ASSERT_EQ(rest->items.size(), 1u);
    EXPECT_FALSE(rest->next_cursor.has_value());
    std::set<Address> found{page->items[0].address, rest->items[0].address};
    EXPECT_EQ(found, (std::set<Address>{school(), test_address(4)}));
    EXPECT_LT(page->items[0].address, rest->items[0].address);

    auto s = vm::credential::get_issuer(m_base, test_address(4));
    ASSERT_TRUE(s.ok() && s->has_value());
    EXPECT_EQ((*s)->status, IssuerStatus::suspended);
    EXPECT_FALSE(vm::credential::get_issuer(m_base, bob())->has_value());
    auto c = vm::credential::get_credential(m_base, sha256(as_bytes("b3")));
    ASSERT_TRUE(c.ok() && c->has_value());
    EXPECT_EQ((*c)->holder, bob());
    EXPECT_FALSE(vm::credential::get_credential(m_base, Hash32{})->has_value());
}

TEST(CredentialVerdict, EachOutcomeAndItsPrecedence) {
    using vm::credential::verdict;
    const Issuer active = make_issuer(school());
    const Issuer suspended = make_issuer(school(), IssuerStatus::suspended);
    const Credential c = sample_credential(school(), bob(), "v");
    Credential revoked = c;
    revoked.revocation = vm::credential::Revocation{5, 5000, "x"};
    Credential expiring = c;
    expiring.expires_at = 10'000;
    const Hash32 doc = c.metadata_hash;
    const Hash32 forged = sha256(as_bytes("forged"));

    EXPECT_EQ(verdict(&c, &active, 20'000), Verdict::valid);
    EXPECT_EQ(verdict(&c, &active, 20'000, doc), Verdict::valid);
    EXPECT_EQ(verdict(nullptr, &active, 0, doc), Verdict::not_found);
    EXPECT_EQ(verdict(&c, nullptr, 0), Verdict::unknown_issuer);
    const Issuer other = make_issuer(bob());
    EXPECT_EQ(verdict(&c, &other, 0), Verdict::unknown_issuer);
    EXPECT_EQ(verdict(&c, &active, 0, forged), Verdict::document_mismatch);
    EXPECT_EQ(verdict(&revoked, &suspended, 0, forged), Verdict::document_mismatch);
    EXPECT_EQ(verdict(&revoked, &suspended, 20'000), Verdict::revoked);
    EXPECT_EQ(verdict(&expiring, &active, 9'999), Verdict::valid);
    EXPECT_EQ(verdict(&expiring, &active, 10'000), Verdict::expired);
    EXPECT_EQ(verdict(&expiring, &suspended, 10'000), Verdict::expired);
    EXPECT_EQ(verdict(&c, &suspended, 0, doc), Verdict::issuer_suspended);

    EXPECT_EQ(to_string(Verdict::issuer_suspended), "issuer_suspended");
    EXPECT_EQ(to_string(Verdict::document_mismatch), "document_mismatch");
}

}  // namespace
}  // namespace azora::test
