// The reasons catalog (core/reasons.hpp): each name is declared once with one kind, and every
// reason the production sources still build with an untyped factory (Error::failed("x", ...))
// is catalogued with that same kind.
#include "core/reasons.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace azora {
namespace {

std::string kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::malformed:
            return "malformed";
        case ErrorKind::rejected:
            return "rejected";
        case ErrorKind::failed:
            return "failed";
        case ErrorKind::retry:
            return "retry";
        case ErrorKind::internal:
            return "internal";
    }
    return "?";
}

TEST(ReasonsCatalog, NamesAreUniqueAndSnakeCase) {
    std::set<std::string_view> seen;
    const std::regex snake("[a-z][a-z0-9_]*");
    for (const Reason& r : reasons::kAll) {
        EXPECT_TRUE(seen.insert(r.name).second) << "declared twice: " << r.name;
        EXPECT_TRUE(std::regex_match(std::string(r.name), snake)) << r.name;
    }
    EXPECT_TRUE(reasons::names_unique());
    EXPECT_GE(reasons::kAll.size(), 100u);
}

TEST(ReasonsCatalog, ErrorFromTakesTheCatalogKind) {
    const Error e = Error::from(reasons::kInsufficientFunds, "balance 3 < 5");
    EXPECT_EQ(e.kind, ErrorKind::failed);
    EXPECT_EQ(e.reason, "insufficient_funds");
    EXPECT_EQ(e.message, "balance 3 < 5");
    EXPECT_TRUE(e.is(reasons::kInsufficientFunds));
    EXPECT_FALSE(e.is(reasons::kInsufficientFeeFunds));
    const Reason* found = reasons::find("bad_signature");
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->name, reasons::kBadSignature.name);
    EXPECT_EQ(found->kind, ErrorKind::malformed);
    EXPECT_EQ(reasons::find("no_such_reason"), nullptr);
}

// The reasons that changed or gained a single kind when the catalog was introduced; the failed
// ones are recorded in receipts on chain and must keep their names.
TEST(ReasonsCatalog, FormerlyTwoKindReasonsHaveOne) {
    EXPECT_EQ(reasons::kInsufficientFunds.kind, ErrorKind::failed);
    EXPECT_EQ(reasons::kAmountOverflow.kind, ErrorKind::failed);
    EXPECT_EQ(reasons::kBadAmount.kind, ErrorKind::failed);
    EXPECT_EQ(reasons::kBadField.kind, ErrorKind::failed);
    EXPECT_EQ(reasons::kInsufficientFeeFunds.kind, ErrorKind::rejected);
    EXPECT_EQ(reasons::kFeeOverflow.kind, ErrorKind::rejected);
    EXPECT_EQ(reasons::kBadNonce.kind, ErrorKind::rejected);
    EXPECT_EQ(reasons::kDecodeError.kind, ErrorKind::malformed);
    EXPECT_EQ(reasons::kWrongChain.kind, ErrorKind::malformed);
    EXPECT_EQ(reasons::kBadSignature.kind, ErrorKind::malformed);
}

// Error::<kind>("reason" anywhere in the production sources (the argument may start on the
// next line): the reason must be catalogued, with that kind.
TEST(ReasonsCatalog, UntypedFactoriesInTheSourcesUseCataloguedReasonsAndKinds) {
    const std::filesystem::path root(AZORA_SOURCE_DIR);
    const std::regex call(R"re(Error::(malformed|rejected|failed|retry|internal)\(\s*"([^"]*)")re");
    size_t files = 0;
    size_t calls = 0;
    for (const char* dir :
         {"core", "ledger", "vm", "consensus", "genesis", "rpc", "node", "wallet-cli"}) {
        ASSERT_TRUE(std::filesystem::is_directory(root / dir)) << (root / dir);
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
            const auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) {
                continue;
            }
            ++files;
            std::ifstream in(entry.path());
            const std::string text((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
            for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
                ++calls;
                const std::string kind = (*it)[1];
                const std::string name = (*it)[2];
                const std::string where = std::filesystem::relative(entry.path(), root).string() +
                                          ": Error::" + kind + "(\"" + name + "\"";
                const Reason* r = reasons::find(name);
                if (r == nullptr) {
                    ADD_FAILURE() << where << ": reason not in core/reasons.hpp";
                    continue;
                }
                EXPECT_EQ(kind_name(r->kind), kind)
                    << where << ": the catalog declares it " << kind_name(r->kind);
            }
        }
    }
    EXPECT_GT(files, 100u);
    EXPECT_GT(calls, 50u);
}

}  // namespace
}  // namespace azora
