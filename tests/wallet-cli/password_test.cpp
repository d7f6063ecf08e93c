#include "wallet-cli/password.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>

namespace azora::wallet {
namespace {

namespace fs = std::filesystem;

class PasswordFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "azora-password-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        m_root = tmpl;
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(m_root, ec);
    }

    Result<std::string> read_with(const std::string& contents) {
        const fs::path p = m_root / "pw";
        std::ofstream(p, std::ios::binary | std::ios::trunc) << contents;
        return read_password_file(p);
    }

    fs::path m_root;
};

TEST_F(PasswordFileTest, ReadsFirstLineWithoutLineEnding) {
    EXPECT_EQ(*read_with("secret\n"), "secret");
    EXPECT_EQ(*read_with("secret\r\n"), "secret");
    EXPECT_EQ(*read_with("secret"), "secret");
    EXPECT_EQ(*read_with("secret\nsecond line\n"), "secret");
    EXPECT_EQ(*read_with(" spaces are kept \n"), " spaces are kept ");
    EXPECT_EQ(*read_with(std::string(4096, 'a') + "\n"), std::string(4096, 'a'));
    EXPECT_EQ(*read_with(std::string(4096, 'a')), std::string(4096, 'a'));
}

TEST_F(PasswordFileTest, RefusesEmptyOverlongAndMissing) {
    EXPECT_EQ(read_with("").error().reason, "empty_password");
    EXPECT_EQ(read_with("\n").error().reason, "empty_password");
    EXPECT_EQ(read_with("\r\nsecond\n").error().reason, "empty_password");
    EXPECT_EQ(read_with(std::string(4097, 'a')).error().reason, "bad_password_file");
    EXPECT_EQ(read_password_file(m_root / "missing").error().reason, "io_error");
}

TEST_F(PasswordFileTest, ReadsFromAPipe) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ASSERT_EQ(::write(fds[1], "piped\n", 6), 6);
    ::close(fds[1]);
    auto pw = read_password_file("/dev/fd/" + std::to_string(fds[0]));
    ::close(fds[0]);
    ASSERT_TRUE(pw.ok()) << pw.error().to_string();
    EXPECT_EQ(*pw, "piped");
}

TEST(PromptPassword, WithoutTerminalSaysToUsePasswordFile) {
    const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty >= 0) {
        ::close(tty);
        GTEST_SKIP() << "a terminal is attached; prompting would wait for input";
    }
    auto r = prompt_password("Password: ", false);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "no_password");
    EXPECT_NE(r.error().message.find("--password-file"), std::string::npos);
}

}  // namespace
}  // namespace azora::wallet
