#pragma once

#include <unistd.h>

#include <utility>

namespace azora {

/// Owns a POSIX file descriptor and closes it on every path out of a scope. close() closes it
/// early so that a failing close (a lost write on some filesystems) can be reported.
class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) noexcept : m_fd(fd) {}
    ~UniqueFd() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            UniqueFd old(std::exchange(m_fd, std::exchange(other.m_fd, -1)));
        }
        return *this;
    }

    int get() const noexcept { return m_fd; }

    /// Closes now; false if close() failed (the descriptor is gone either way).
    bool close() noexcept {
        const int fd = std::exchange(m_fd, -1);
        return fd < 0 || ::close(fd) == 0;
    }

private:
    int m_fd;
};

}  // namespace azora
