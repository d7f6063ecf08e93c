#include "core/unique_fd.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <utility>

namespace azora {
namespace {

bool is_open(int fd) {
    return ::fcntl(fd, F_GETFD) != -1;
}

TEST(UniqueFd, ClosesAtTheEndOfItsScope) {
    int raw = -1;
    {
        UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        raw = fd.get();
        ASSERT_GE(raw, 0);
        EXPECT_TRUE(is_open(raw));
    }
    EXPECT_FALSE(is_open(raw));
}

TEST(UniqueFd, MoveHandsOverOwnership) {
    UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    const int raw = a.get();
    UniqueFd b(std::move(a));
    EXPECT_EQ(b.get(), raw);
    EXPECT_EQ(a.get(), -1);  // NOLINT(bugprone-use-after-move): the moved-from state is the point
    UniqueFd c(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    const int replaced = c.get();
    c = std::move(b);
    EXPECT_EQ(c.get(), raw);
    EXPECT_FALSE(is_open(replaced));
    EXPECT_TRUE(is_open(raw));
}

TEST(UniqueFd, CloseReportsAndIsIdempotent) {
    UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    const int raw = fd.get();
    EXPECT_TRUE(fd.close());
    EXPECT_FALSE(is_open(raw));
    EXPECT_EQ(fd.get(), -1);
    EXPECT_TRUE(fd.close());  // nothing left to close
    UniqueFd never_opened(::open("/nonexistent/x", O_RDONLY | O_CLOEXEC));
    EXPECT_EQ(never_opened.get(), -1);
    EXPECT_TRUE(never_opened.close());
}

}  // namespace
}  // namespace azora
