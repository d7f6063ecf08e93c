#include "wallet-cli/password.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "core/unique_fd.hpp"

namespace azora::wallet {

namespace {

// Linux's canonical-mode line limit; nobody types a longer password.
constexpr size_t kMaxPasswordLen = 4096;

/// A fixed buffer for password bytes, wiped when it leaves scope. Fixed so that no growing
/// string leaves copies of the password behind in freed memory.
class LineBuffer {
public:
    LineBuffer() = default;
    LineBuffer(const LineBuffer&) = delete;
    LineBuffer& operator=(const LineBuffer&) = delete;
    ~LineBuffer() { OPENSSL_cleanse(m_data.data(), m_data.size()); }

    /// Reads from `fd` until a newline, end of input or a full buffer; -1 on error (errno set),
    /// else 0. Bytes after the newline in the last read are kept but not part of line().
    int fill(int fd) {
        while (m_size < m_data.size() && !has_newline()) {
            const ssize_t n = ::read(fd, m_data.data() + m_size, m_data.size() - m_size);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return -1;
            }
            if (n == 0) {
                m_eof = true;
                break;
            }
            m_size += static_cast<size_t>(n);
        }
        return 0;
    }

    bool has_newline() const { return std::memchr(m_data.data(), '\n', m_size) != nullptr; }
    bool eof() const { return m_eof; }
    size_t size() const { return m_size; }

    /// Up to the first newline, trailing carriage returns removed.
    std::string_view line() const {
        std::string_view all(m_data.data(), m_size);
        std::string_view line = all.substr(0, all.find('\n'));
        while (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        return line;
    }

private:
    // One spare byte tells "line of exactly the limit" from "longer than the limit".
    std::array<char, kMaxPasswordLen + 1> m_data{};
    size_t m_size = 0;
    bool m_eof = false;
};

/// Puts the terminal back as it was, on every path out of a prompt.
class RestoreTerminal {
public:
    RestoreTerminal(int fd, const termios& saved) : m_fd(fd), m_saved(saved) {}
    RestoreTerminal(const RestoreTerminal&) = delete;
    RestoreTerminal& operator=(const RestoreTerminal&) = delete;
    ~RestoreTerminal() { ::tcsetattr(m_fd, TCSAFLUSH, &m_saved); }

private:
    int m_fd;
    termios m_saved;
};

void write_text(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;  // a prompt that cannot be shown is not worth failing over
        }
        text.remove_prefix(static_cast<size_t>(n));
    }
}

Error empty_password() {
    return Error::rejected("empty_password", "the password is empty");
}

/// Copies the line out, then wipes the buffer (its destructor) and nothing else holds it.
Result<std::string> take_line(const LineBuffer& buf) {
    if (buf.line().empty()) {
        return empty_password();
    }
    return std::string(buf.line());
}

/// Prompts once on the terminal `fd` whose settings are `saved`, with echo off.
Result<std::string> read_hidden(int fd, const termios& saved, std::string_view prompt) {
    write_text(fd, prompt);
    termios quiet = saved;
    // Canonical mode stays on so the kernel still handles backspace and kill-line.
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    if (::tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
        return Error::rejected("no_password", "cannot turn off terminal echo; use --password-file");
    }
    LineBuffer buf;
    int read_errno = 0;
    {
        RestoreTerminal restore(fd, saved);
        if (buf.fill(fd) != 0) {
            read_errno = errno;
        }
    }
    // The user's Enter was not echoed; move to a fresh line ourselves.
    write_text(fd, "\n");
    if (read_errno != 0) {
        return Error::internal(
            "io_error", std::string("cannot read the terminal: ") + std::strerror(read_errno));
    }
    if (!buf.has_newline()) {
        if (buf.size() > kMaxPasswordLen) {
            return Error::rejected("bad_password_file", "password longer than 4096 bytes");
        }
        return Error::rejected("no_password", "no password entered");
    }
    return take_line(buf);
}

}  // namespace

Result<std::string> read_password_file(const std::filesystem::path& path) {
    UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        return Error::internal(
            "io_error", "cannot open password file " + path.string() + ": " + std::strerror(errno));
    }
    LineBuffer buf;
    if (buf.fill(file.get()) != 0) {
        return Error::internal(
            "io_error", "cannot read password file " + path.string() + ": " + std::strerror(errno));
    }
    if (!buf.has_newline() && buf.size() > kMaxPasswordLen) {
        return Error::rejected("bad_password_file",
                               "first line of " + path.string() + " is longer than 4096 bytes");
    }
    auto line = take_line(buf);
    if (!line) {
        return Error::rejected("empty_password", "first line of " + path.string() + " is empty");
    }
    return line;
}

Result<std::string> prompt_password(const std::string& prompt, bool confirm) {
    const Error no_tty = Error::rejected(
        "no_password", "no terminal to ask for a password on; pass --password-file");
    // /dev/tty rather than stdin: stdin may be a pipe carrying other data.
    UniqueFd tty(::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (tty.get() < 0) {
        return no_tty;
    }
    termios saved{};
    if (::tcgetattr(tty.get(), &saved) != 0) {
        return no_tty;
    }
    AZORA_ASSIGN(std::string first, read_hidden(tty.get(), saved, prompt));
    if (confirm) {
        auto second = read_hidden(tty.get(), saved, "Repeat password: ");
        const bool same = second.ok() && *second == first;
        if (second.ok()) {
            OPENSSL_cleanse(second->data(), second->size());
        }
        if (!same) {
            OPENSSL_cleanse(first.data(), first.size());
            if (!second.ok()) {
                return second.error();
            }
            return Error::rejected("password_mismatch", "the passwords do not match");
        }
    }
    // A moved-from short string keeps its bytes in its inline buffer; wipe them. (Best effort:
    // std::string offers no way to reach every copy.)
    Result<std::string> out(std::move(first));
    OPENSSL_cleanse(first.data(), first.capacity());
    return out;
}

}  // namespace azora::wallet
