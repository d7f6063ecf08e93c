#include "rpc/cookie.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

namespace azora::rpc {
namespace {

namespace fs = std::filesystem;

// A fresh directory removed at the end of the test, whatever happens.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "azora-cookie-XXXXXX").string();
        m_path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 07777;
}

TEST(Cookie, WritesA0600FileThatReadsBack) {
    TempDir dir;
    auto token = write_cookie(dir.path());
    ASSERT_TRUE(token.ok()) << token.error().to_string();
    EXPECT_EQ(token->size(), 64u);
    const fs::path path = dir.path() / kCookieFileName;
    EXPECT_EQ(mode_of(path), 0600);
    auto read = read_cookie(path);
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    EXPECT_EQ(*read, *token);
}

TEST(Cookie, RewritingGivesANewTokenAndFixesTheMode) {
    TempDir dir;
    const fs::path path = dir.path() / kCookieFileName;
    { std::ofstream(path) << "old contents that are much longer than a token would be......"; }
    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
    auto first = write_cookie(dir.path());
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(mode_of(path), 0600);
    auto second = write_cookie(dir.path());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(*first, *second);
    EXPECT_EQ(*read_cookie(path), *second);
}

TEST(Cookie, ReadErrors) {
    TempDir dir;
    auto missing = read_cookie(dir.path() / "absent");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().reason, "cookie_not_found");
    EXPECT_EQ(missing.error().kind, ErrorKind::retry);

    const fs::path bad = dir.path() / "bad";
    { std::ofstream(bad) << "not-a-token\n"; }
    auto garbage = read_cookie(bad);
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().reason, "bad_cookie");
}

TEST(Cookie, WriteFailsInAMissingDirectory) {
    TempDir dir;
    auto r = write_cookie(dir.path() / "no" / "such" / "dir");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "cookie_io");
}

}  // namespace
}  // namespace azora::rpc
